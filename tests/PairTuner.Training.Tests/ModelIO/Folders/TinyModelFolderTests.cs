using PairTuner.Contracts.Jobs;
using PairTuner.Tests.Models;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Tests.TestModels;
using PairTuner.Training.Tokenization;
using PairTuner.Training.Trainer;

namespace PairTuner.Training.Tests.ModelIO.Folders;

/// <summary>
/// The tiny model the end-to-end tests train (tests/Shared/Models): a folder --model loads, whose
/// tokenizer cuts the texts it was made for exactly as all-MiniLM-L6-v2's does.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public sealed class TinyModelFolderTests
{
    private static readonly string[] Texts =
    [
        "A passenger train waiting in a station.",
        "Red double decker bus driving down street.",
        "Two green and white trains sitting on the tracks.",
    ];

    [Fact]
    public void It_loads_as_a_model_and_tokenizes_its_texts_like_the_builtin()
    {
        using var temp = new TempFolder();
        var folder = TinyModelFolder.Write(temp.Combine("tiny"), Texts);

        using (var loaded = ModelFolderReader.Load(folder))
        {
            var vocabulary = File.ReadAllLines(loaded.VocabPath);
            Assert.Equal(TinyModelFolder.Config(vocabulary.Length), loaded.Config);
            Assert.InRange(vocabulary.Length, 50, 200);
            Assert.Equal(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"], vocabulary.Take(5));

            var tiny = loaded.CreateTokenizer();
            var builtin = BertWordPieceTokenizer.Builtin();
            foreach (var text in Texts)
            {
                Assert.Equal(builtin.ToTokens(builtin.Encode(text)), tiny.ToTokens(tiny.Encode(text)));
            }

            // Unseen words fall back to letters, not [UNK].
            Assert.DoesNotContain("[UNK]", tiny.ToTokens(tiny.Encode("zebra quiz")));
        }

        foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "modules.json", "1_Pooling/config.json", "2_Normalize/config.json" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        using var model = EncoderSentenceModel.Load(new TrainingOptions { Model = folder });
        var embeddings = model.Embed(Texts, CancellationToken.None);
        Assert.Equal(TinyModelFolder.HiddenSize, embeddings.Dimension);
        Assert.Equal(1.0, Math.Sqrt(embeddings.Row(0).ToArray().Sum(v => (double)v * v)), 4);
    }
}
