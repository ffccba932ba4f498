using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Selection;

/// <summary>
/// Checks the metric a run selects its best evaluation by against what the evaluation of its eval
/// split reports. A correlation is allowed only against labels people gave: against synthetic
/// labels (noise around 0.9) it would select on noise.
/// </summary>
public static class SelectionMetric
{
    public static bool IsCorrelation(string metric)
        => metric is MetricNames.SpearmanCosine or MetricNames.PearsonCosine;

    /// <summary>Throws <see cref="ArgumentException"/> naming the option and the metrics that could be used.</summary>
    public static void Check(string metric, EvaluationResult baseResult)
    {
        ArgumentNullException.ThrowIfNull(baseResult);
        if (IsCorrelation(metric) && baseResult.Labels != LabelSource.Gold)
        {
            var why = baseResult.Labels == LabelSource.Synthetic ? "synthetic (from the labelling formula)" : "absent";
            throw new ArgumentException(
                $"selectionMetric {metric} needs scores people gave in the pairs file; this eval split's labels are {why}. Use a retrieval metric such as cosine_ndcg@10.");
        }

        if (!baseResult.Metrics.ContainsKey(metric))
        {
            var known = string.Join(", ", baseResult.Metrics.Keys.Where(k => !IsCorrelation(k) || baseResult.Labels == LabelSource.Gold));
            throw new ArgumentException($"selectionMetric '{metric}' is not a metric of this evaluation; use one of: {known}.");
        }
    }
}
