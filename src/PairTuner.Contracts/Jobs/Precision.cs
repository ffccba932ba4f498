namespace PairTuner.Contracts.Jobs;

/// <summary>
/// The arithmetic the encoder runs its matrix products in: one enum for the job's option
/// (<c>--precision</c>), the encoder itself, and the embed/evaluate commands.
/// </summary>
public enum Precision
{
    /// <summary>Everything in float32: the reference, and what ONNX Runtime's fp32 export computes.</summary>
    Fp32,

    /// <summary>
    /// Autocast-style mixed precision: matrix products and attention in bfloat16, while weights stay
    /// float32 (the master copy the optimizer updates) and LayerNorm, softmax accumulation, pooling and
    /// normalization run in float32.
    /// </summary>
    Bf16,
}
