using PairTuner.Contracts.Verdicts;
using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Selection;

/// <summary>
/// The verdict of a run from its two evaluations of the whole eval split: a paired bootstrap over
/// the eval queries of the selection metric's per-query values (or, for a correlation, over the
/// labelled pairs, recomputing both correlations on each resample), then <see cref="VerdictRules"/>.
/// </summary>
public static class RunVerdicts
{
    public static Verdict Build(
        string metric, EvaluationResult baseResult, EvaluationResult tunedResult, long keptStep,
        int resamples = PairedBootstrap.DefaultResamples, ulong seed = PairedBootstrap.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(baseResult);
        ArgumentNullException.ThrowIfNull(tunedResult);
        var before = baseResult.Details ?? throw new ArgumentException("The base evaluation kept no per-query values.", nameof(baseResult));
        var after = tunedResult.Details ?? throw new ArgumentException("The tuned evaluation kept no per-query values.", nameof(tunedResult));

        ConfidenceInterval interval;
        int units;
        string unitName;
        if (SelectionMetric.IsCorrelation(metric))
        {
            var labels = before.PairLabels;
            var baseCosines = before.PairCosines;
            var tunedCosines = after.PairCosines;
            Func<IReadOnlyList<double>, IReadOnlyList<double>, double> correlation =
                metric == MetricNames.SpearmanCosine ? SimilarityMetrics.Spearman : SimilarityMetrics.Pearson;
            units = labels.Count;
            unitName = "pairs";
            interval = PairedBootstrap.Interval(units, sample =>
            {
                var l = sample.Select(i => labels[i]).ToArray();
                return correlation(l, sample.Select(i => tunedCosines[i]).ToArray()) - correlation(l, sample.Select(i => baseCosines[i]).ToArray());
            }, resamples, seed);
        }
        else
        {
            var baseValues = before.Retrieval.PerQuery[metric];
            var tunedValues = after.Retrieval.PerQuery[metric];
            units = baseValues.Length;
            unitName = "queries";
            interval = PairedBootstrap.MeanDifference(baseValues, tunedValues, resamples, seed);
        }

        return VerdictRules.Decide(metric, baseResult.Metrics[metric], tunedResult.Metrics[metric], interval, units, unitName, keptStep, resamples);
    }
}
