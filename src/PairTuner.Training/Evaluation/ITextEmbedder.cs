namespace PairTuner.Training.Evaluation;

/// <summary>
/// Turns texts into embeddings. The evaluators only need this, so they run the same over the
/// TorchSharp encoder, an ONNX reference or a hand-made table in a test.
/// </summary>
public interface ITextEmbedder
{
    /// <summary>One row per text, in the order given. Rows need not be normalized: evaluators use cosine.</summary>
    EmbeddingMatrix Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
