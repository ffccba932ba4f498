namespace PairTuner.Training.Evaluation;

/// <summary>
/// The metrics a person reads first (console, report cards): ndcg@10, mrr@10, accuracy@1,
/// recall@10, and spearman_cosine when the labels are real. The rest are in eval.json and on request.
/// </summary>
public static class HeadlineMetrics
{
    public static IReadOnlyList<string> Retrieval { get; } =
        [MetricNames.Ndcg(10), MetricNames.Mrr(10), MetricNames.Accuracy(1), MetricNames.Recall(10)];

    public static IReadOnlyList<string> For(bool labelsReal)
        => labelsReal ? [.. Retrieval, MetricNames.SpearmanCosine] : Retrieval;
}
