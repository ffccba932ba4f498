using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;
using TorchSharp;

namespace PairTuner.Tests.Models;

/// <summary>
/// A sentence-transformers folder of a BERT small enough to train in seconds on two cores
/// (hidden 32, 2 layers, 2 heads, intermediate 64), written by the product's own
/// <see cref="SentenceTransformersFolder"/>: config.json, random-initialised model.safetensors,
/// vocab.txt and the tokenizer files, modules.json, 1_Pooling and 2_Normalize. Its vocabulary is
/// the all-MiniLM-L6-v2 word pieces of the texts it will see, so those texts tokenize exactly as the
/// real model's tokenizer cuts them, in a vocabulary of a few hundred entries instead of 30,522.
/// Lives in tests/Shared/Models (not tests/Shared) because only the test projects that reference
/// PairTuner.Training compile it.
/// </summary>
internal static class TinyModelFolder
{
    public const int HiddenSize = 32;

    /// <summary>What config.json's <c>_name_or_path</c> says, so a tuned copy is recognisable.</summary>
    public const string Name = "pairtuner-tests/tiny-bert";

    /// <summary>The tiny shape for a vocabulary of <paramref name="vocabSize"/> entries.</summary>
    public static BertConfig Config(int vocabSize) => new()
    {
        VocabSize = vocabSize,
        HiddenSize = HiddenSize,
        NumHiddenLayers = 2,
        NumAttentionHeads = 2,
        IntermediateSize = 64,
        // All 512 positions, as all-MiniLM-L6-v2: any maxSeqLength a run accepts fits (16k parameters).
        MaxPositionEmbeddings = 512,
    };

    /// <summary>
    /// BERT's special tokens, the builtin tokenizer's word pieces of <paramref name="texts"/>, and
    /// every letter and digit alone and as a <c>##</c> continuation, so any other ASCII text still
    /// tokenizes to something other than <c>[UNK]</c>.
    /// </summary>
    public static IReadOnlyList<string> Vocabulary(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var builtin = BertWordPieceTokenizer.Builtin();
        var tokens = new List<string>(WordPieceVocabulary.BertSpecialTokens);
        var seen = new HashSet<string>(tokens, StringComparer.Ordinal);
        void Add(string token)
        {
            if (seen.Add(token))
            {
                tokens.Add(token);
            }
        }

        foreach (var c in "abcdefghijklmnopqrstuvwxyz0123456789")
        {
            Add(c.ToString());
            Add("##" + c);
        }

        foreach (var text in texts)
        {
            foreach (var token in builtin.ToTokens(builtin.Encode(text)))
            {
                Add(token);
            }
        }

        return tokens;
    }

    /// <summary>
    /// Writes the folder to <paramref name="folder"/> (replacing it) and returns its full path. The
    /// weights are the encoder's own fresh initialisation under <paramref name="seed"/>.
    /// </summary>
    public static string Write(string folder, IEnumerable<string> texts, int seed = 7)
    {
        var target = Path.GetFullPath(folder);
        var vocab = Vocabulary(texts);

        // The vocabulary is written beside the target: Save stages the folder and renames it into place.
        var source = target.TrimEnd(Path.DirectorySeparatorChar) + ".vocab";
        Directory.CreateDirectory(source);
        var vocabPath = Path.Combine(source, "vocab.txt");
        File.WriteAllText(vocabPath, string.Join("\n", vocab) + "\n");

        var config = Config(vocab.Count);
        var stateDict = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        try
        {
            // The global torch seed: SentenceEncoder.Create initialises from it like any module.
            torch.random.manual_seed(seed);
            using (var encoder = SentenceEncoder.Create(config))
            {
                foreach (var (name, parameter) in encoder.named_parameters())
                {
                    stateDict[name] = parameter.detach().clone();
                }
            }

            return SentenceTransformersFolder.Save(
                target, config, stateDict, new TokenizerFileSet(vocabPath),
                new SentenceTransformersFolderOptions { MaxSeqLength = 128, NameOrPath = Name, Overwrite = true });
        }
        finally
        {
            foreach (var tensor in stateDict.Values)
            {
                tensor.Dispose();
            }

            Directory.Delete(source, recursive: true);
        }
    }
}
