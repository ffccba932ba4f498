using PairTuner.Contracts.Verdicts;
using PairTuner.Training.Selection;

namespace PairTuner.Training.Tests.Selection;

public sealed class VerdictRulesTests
{
    [Fact]
    public void An_interval_above_zero_with_trained_weights_kept_is_improved()
    {
        var verdict = VerdictRules.Decide("cosine_ndcg@10", 0.60, 0.65, new ConfidenceInterval(0.02, 0.08), 120, "queries", keptStep: 40, resamples: 1000);

        Assert.Equal(VerdictOutcome.Improved, verdict.Outcome);
        Assert.Equal("improved", verdict.Text);
        Assert.Equal(0.05, verdict.Change, 12);
        Assert.False(verdict.Weak);
        Assert.False(verdict.BaseKept);
        Assert.Equal(40, verdict.KeptStep);
        Assert.Equal("improved: cosine_ndcg@10 0.6000 -> 0.6500 (+0.0500, 95% CI +0.0200 to +0.0800) on 120 eval queries", verdict.Summary);
    }

    [Fact]
    public void An_interval_across_zero_is_no_measurable_change()
    {
        var verdict = VerdictRules.Decide("cosine_ndcg@10", 0.60, 0.61, new ConfidenceInterval(-0.01, 0.03), 120, "queries", keptStep: 40, resamples: 1000);

        Assert.Equal(VerdictOutcome.NoMeasurableChange, verdict.Outcome);
        Assert.Equal("no measurable change", verdict.Text);
        Assert.False(verdict.BaseKept);
    }

    [Fact]
    public void An_interval_below_zero_is_worse_and_keeps_the_base()
    {
        var verdict = VerdictRules.Decide("cosine_ndcg@10", 0.60, 0.50, new ConfidenceInterval(-0.15, -0.05), 120, "queries", keptStep: 40, resamples: 1000);

        Assert.Equal(VerdictOutcome.WorseThanBase, verdict.Outcome);
        Assert.Equal("worse than base (base kept)", verdict.Text);
        Assert.True(verdict.BaseKept);
        Assert.Equal(0, verdict.KeptStep);
    }

    [Fact]
    public void With_the_base_kept_by_the_selection_a_gain_is_not_called_improved()
    {
        var verdict = VerdictRules.Decide("cosine_ndcg@10", 0.60, 0.62, new ConfidenceInterval(0.01, 0.03), 120, "queries", keptStep: 0, resamples: 1000);

        Assert.Equal(VerdictOutcome.NoMeasurableChange, verdict.Outcome);
        Assert.True(verdict.BaseKept);
        Assert.Contains("the base model was kept", verdict.Summary);
    }

    [Theory]
    [InlineData(29, true)]
    [InlineData(30, false)]
    public void Fewer_than_30_queries_make_a_weak_verdict(int queries, bool weak)
    {
        var verdict = VerdictRules.Decide("cosine_ndcg@10", 0.5, 0.6, new ConfidenceInterval(0.05, 0.15), queries, "queries", keptStep: 3, resamples: 1000);

        Assert.Equal(weak, verdict.Weak);
        Assert.Equal(weak, verdict.Summary.Contains("weak verdict: fewer than 30 eval queries", StringComparison.Ordinal));
    }

    [Fact]
    public void Hand_computed_two_query_case_end_to_end_is_no_measurable_change_and_weak()
    {
        // Query 1 gains 1, query 2 loses 1: mean change 0, interval [-1, 1] (see PairedBootstrapTests).
        var interval = PairedBootstrap.MeanDifference([0.0, 1.0], [1.0, 0.0]);
        var verdict = VerdictRules.Decide("cosine_ndcg@10", 0.5, 0.5, interval, 2, "queries", keptStep: 5, resamples: 1000);

        Assert.Equal(VerdictOutcome.NoMeasurableChange, verdict.Outcome);
        Assert.True(verdict.Weak);
        Assert.Equal("no measurable change: cosine_ndcg@10 0.5000 -> 0.5000 (0.0000, 95% CI -1.0000 to +1.0000) on 2 eval queries; weak verdict: fewer than 30 eval queries", verdict.Summary);
    }
}
