namespace PairTuner.Training.Evaluation;

/// <summary>
/// What a pairs evaluation computed on the way to its averages, kept for the verdict's bootstrap
/// and the report's examples: the retrieval task, each query's metric values and ranking, and the
/// cosine and label of each labelled pair (empty when the pairs carry no scores).
/// </summary>
public sealed record EvaluationDetails(
    RetrievalTask Task,
    RetrievalEvaluation Retrieval,
    IReadOnlyList<double> PairCosines,
    IReadOnlyList<double> PairLabels);
