namespace PairTuner.Core.Jobs;

public enum Precision
{
    Fp32,
    Bf16,
}
