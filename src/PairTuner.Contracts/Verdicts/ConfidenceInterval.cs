namespace PairTuner.Contracts.Verdicts;

/// <summary>A two-sided percentile interval, e.g. 95% of bootstrap resamples lie in [Low, High].</summary>
public sealed record ConfidenceInterval(double Low, double High)
{
    public bool AboveZero => Low > 0;

    public bool BelowZero => High < 0;
}
