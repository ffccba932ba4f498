using PairTuner.Contracts.Verdicts;
using PairTuner.Training.Selection;

namespace PairTuner.Training.Tests.Selection;

public sealed class PairedBootstrapTests
{
    [Fact]
    public void Every_query_gaining_the_same_gives_an_interval_of_that_gain_alone()
    {
        // Any resample of equal differences has the same mean, 0.1.
        var interval = PairedBootstrap.MeanDifference(Enumerable.Repeat(0.5, 40).ToArray(), Enumerable.Repeat(0.6, 40).ToArray());

        Assert.Equal(0.1, interval.Low, 12);
        Assert.Equal(0.1, interval.High, 12);
    }

    [Fact]
    public void One_query_up_by_one_and_one_down_by_one_spans_minus_one_to_one()
    {
        // Resamples of two: {+1,+1} mean 1 (p 1/4), mixed mean 0 (p 1/2), {-1,-1} mean -1 (p 1/4).
        // Of 1,000 resamples about 250 are -1, so the 2.5th percentile (position 24.975) is -1 and the 97.5th (974.025) is +1.
        var interval = PairedBootstrap.MeanDifference([0.0, 1.0], [1.0, 0.0]);

        Assert.Equal(-1, interval.Low, 12);
        Assert.Equal(1, interval.High, 12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval_and_another_seed_may_not()
    {
        var before = Enumerable.Range(0, 50).Select(i => (i % 7) / 7.0).ToArray();
        var after = Enumerable.Range(0, 50).Select(i => ((i * 3) % 11) / 11.0).ToArray();

        Assert.Equal(PairedBootstrap.MeanDifference(before, after, seed: 3), PairedBootstrap.MeanDifference(before, after, seed: 3));
        Assert.NotEqual(PairedBootstrap.MeanDifference(before, after, seed: 3), PairedBootstrap.MeanDifference(before, after, seed: 4));
    }

    [Fact]
    public void Percentiles_interpolate_linearly_as_numpy_does()
    {
        double[] sorted = [1, 2, 3, 4];

        Assert.Equal(2.5, PairedBootstrap.Percentile(sorted, 0.5), 12);        // position 1.5
        Assert.Equal(1.075, PairedBootstrap.Percentile(sorted, 0.025), 12);    // position 0.075
        Assert.Equal(3.925, PairedBootstrap.Percentile(sorted, 0.975), 12);    // position 2.925
        Assert.Equal(4, PairedBootstrap.Percentile(sorted, 1), 12);
    }

    [Fact]
    public void Unpaired_values_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PairedBootstrap.MeanDifference([1.0, 2.0], [1.0]));
    }
}
