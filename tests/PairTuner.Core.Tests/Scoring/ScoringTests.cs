using PairTuner.Contracts.Randomness;
using PairTuner.Contracts.Scoring;
using PairTuner.Core.Scoring;

namespace PairTuner.Core.Tests.Scoring;

public class ScoringTests
{
    [Fact]
    public void Synthetic_labels_follow_the_reference_formula_with_golden_values()
    {
        // 0.9 + (u - 0.5) / 20 for the first three u of stream (42, shard 0, labels); see SeededRandomTests.
        var labels = SyntheticLabels.ForShard(new ScoringOptions(), 0);
        Assert.Equal(0.8846477555404759, labels.Next(), 15);
        Assert.Equal(0.8925039881162841, labels.Next(), 15);
        Assert.Equal(0.8814578557662558, labels.Next(), 15);
    }

    [Fact]
    public void Synthetic_labels_stay_within_mean_plus_minus_half_over_scaling()
    {
        var labels = new SyntheticLabels(new ScoringOptions { Mean = 0.5, Scaling = 4 }, new SeededRandom(3));
        var values = Enumerable.Range(0, 10_000).Select(_ => labels.Next()).ToArray();
        Assert.All(values, v => Assert.InRange(v, 0.375, 0.625));
        Assert.InRange(values.Average(), 0.49, 0.51);
    }

    [Theory]
    [InlineData(ScoreRange.Unit, 0.4, 0.4)]
    [InlineData(ScoreRange.ZeroToFive, 4.0, 0.8)]
    [InlineData(ScoreRange.ZeroToFive, 0.0, 0.0)]
    [InlineData(ScoreRange.OneToFive, 1.0, 0.0)]
    [InlineData(ScoreRange.OneToFive, 4.0, 0.75)]
    [InlineData(ScoreRange.OneToFive, 5.0, 1.0)]
    public void Rescale_maps_into_the_unit_interval(ScoreRange range, double raw, double expected)
        => Assert.Equal(expected, ScoreScale.Normalize(range, raw), 12);

    [Theory]
    [InlineData("0-5", ScoreRange.ZeroToFive)]
    [InlineData("1-5", ScoreRange.OneToFive)]
    [InlineData("none", ScoreRange.Unit)]
    [InlineData("oneToFive", ScoreRange.OneToFive)]
    public void Score_ranges_parse_as_users_write_them(string text, ScoreRange expected)
        => Assert.Equal(expected, ScoreScale.Parse(text));

    [Fact]
    public void Unknown_score_range_is_a_clear_error()
        => Assert.Contains("use 0-1", Assert.Throws<FormatException>(() => ScoreScale.Parse("0-10")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(1.5, 20, null, ScoreRange.Unit, "scoring.mean must be a number in [0, 1]; got 1.5")]
    [InlineData(double.NaN, 20, null, ScoreRange.Unit, "scoring.mean")]
    [InlineData(0.9, 0, null, ScoreRange.Unit, "scoring.scaling must be a number greater than 0; got 0")]
    [InlineData(0.9, -1, null, ScoreRange.Unit, "scoring.scaling")]
    [InlineData(0.9, 20, 4.0, ScoreRange.Unit, "scoring.minScore must lie in the file's score range 0-1")]
    [InlineData(0.9, 20, 0.5, ScoreRange.OneToFive, "scoring.minScore")]
    public void Bad_options_are_rejected_with_the_option_named(double mean, double scaling, double? minScore, ScoreRange rescale, string message)
    {
        var options = new ScoringOptions { Mean = mean, Scaling = scaling, MinScore = minScore, Rescale = rescale };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_the_reference_recipe()
    {
        var options = new ScoringOptions();
        options.Validate();
        Assert.Equal((0.9, 20.0, ScoreRange.Unit, (double?)null), (options.Mean, options.Scaling, options.Rescale, options.MinScore));
    }
}
