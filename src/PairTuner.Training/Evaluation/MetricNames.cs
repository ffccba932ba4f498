namespace PairTuner.Training.Evaluation;

/// <summary>sentence-transformers' metric names, so numbers can be compared with its reports as they are.</summary>
public static class MetricNames
{
    public const string SpearmanCosine = "spearman_cosine";
    public const string PearsonCosine = "pearson_cosine";

    public static string Accuracy(int k, string scoreFunction = "cosine") => $"{scoreFunction}_accuracy@{k}";

    public static string Precision(int k, string scoreFunction = "cosine") => $"{scoreFunction}_precision@{k}";

    public static string Recall(int k, string scoreFunction = "cosine") => $"{scoreFunction}_recall@{k}";

    public static string Mrr(int k, string scoreFunction = "cosine") => $"{scoreFunction}_mrr@{k}";

    public static string Ndcg(int k, string scoreFunction = "cosine") => $"{scoreFunction}_ndcg@{k}";

    public static string Map(int k, string scoreFunction = "cosine") => $"{scoreFunction}_map@{k}";
}
