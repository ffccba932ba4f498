namespace PairTuner.Training.Evaluation;

/// <summary>
/// A retrieval evaluation with what lies under its averages: each metric per query (in query
/// order, for a bootstrap over queries) and each query's top documents, best first (for examples).
/// </summary>
public sealed record RetrievalEvaluation(
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, double[]> PerQuery,
    IReadOnlyList<IReadOnlyList<int>> Rankings);
