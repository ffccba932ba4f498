using PairTuner.Contracts.Jobs;

namespace PairTuner.Training.Modeling;

/// <summary>Where and in which precision a <see cref="SentenceEncoder"/> runs.</summary>
public sealed record EncoderOptions
{
    /// <summary>fp32 (default) or bf16 (autocast-style mixed precision, float32 master weights).</summary>
    public Precision Precision { get; init; } = Precision.Fp32;

    /// <summary><c>cpu</c> (default), <c>cuda</c> or <c>cuda:N</c>. CUDA needs the CUDA TorchSharp build and a GPU.</summary>
    public string Device { get; init; } = "cpu";

    public static EncoderOptions Default { get; } = new();
}
