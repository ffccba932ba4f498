using TorchSharp;
using PairTuner.Training.Optimization;

namespace PairTuner.Training.Tests.Optimization;

public class LinearWarmupScheduleTests
{
    // transformers.get_linear_schedule_with_warmup's lambda:
    //   step < warmup: step / max(1, warmup); else max(0, (total - step) / max(1, total - warmup))
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.1)]
    [InlineData(5, 0.5)]
    [InlineData(10, 1.0)]
    [InlineData(55, 0.5)]
    [InlineData(91, 0.1)]
    [InlineData(100, 0.0)]
    [InlineData(130, 0.0)]
    public void Matches_get_linear_schedule_with_warmup(long step, double factor)
    {
        var schedule = new LinearWarmupSchedule(2e-5, warmupSteps: 10, totalSteps: 100);
        Assert.Equal(factor, schedule.Factor(step), 12);
        Assert.Equal(2e-5 * factor, schedule.LearningRate(step), 15);
    }

    [Fact]
    public void Without_warmup_starts_at_the_full_rate()
    {
        var schedule = new LinearWarmupSchedule(1.0, warmupSteps: 0, totalSteps: 4);
        Assert.Equal(new[] { 1.0, 0.75, 0.5, 0.25, 0.0 }, Enumerable.Range(0, 5).Select(s => schedule.Factor(s)));
    }

    [Fact]
    public void Warmup_longer_than_the_run_never_reaches_the_full_rate()
    {
        var schedule = new LinearWarmupSchedule(1.0, warmupSteps: 100, totalSteps: 20);
        Assert.Equal(0.19, schedule.Factor(19), 12);
    }
}
