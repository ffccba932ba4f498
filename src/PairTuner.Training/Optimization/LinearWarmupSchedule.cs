namespace PairTuner.Training.Optimization;

/// <summary>
/// transformers' get_linear_schedule_with_warmup, which sentence-transformers' fit() uses
/// ("warmuplinear"): the factor rises linearly from 0 to 1 over the warm-up steps, then falls
/// linearly to 0 at <see cref="TotalSteps"/>. As there, optimizer step <c>k</c> (0-based) runs at
/// <c>lr * Factor(k)</c>, so the very first step of a warm-up runs at learning rate 0.
/// </summary>
public sealed class LinearWarmupSchedule
{
    public LinearWarmupSchedule(double baseLr, long warmupSteps, long totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(totalSteps);
        BaseLr = baseLr;
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
    }

    public double BaseLr { get; }
    public long WarmupSteps { get; }
    public long TotalSteps { get; }

    public double Factor(long step)
    {
        if (step < WarmupSteps)
        {
            return (double)step / Math.Max(1, WarmupSteps);
        }

        return Math.Max(0.0, (double)(TotalSteps - step) / Math.Max(1, TotalSteps - WarmupSteps));
    }

    public double LearningRate(long step) => BaseLr * Factor(step);
}
