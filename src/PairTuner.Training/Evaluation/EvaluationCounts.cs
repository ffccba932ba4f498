namespace PairTuner.Training.Evaluation;

/// <summary>How much data one evaluation saw.</summary>
public sealed record EvaluationCounts
{
    /// <summary>Pairs read (0 for a BEIR evaluation).</summary>
    public int Pairs { get; init; }

    /// <summary>Pairs with a label, the ones the similarity metrics use.</summary>
    public int LabelledPairs { get; init; }

    /// <summary>Queries with at least one relevant document.</summary>
    public int Queries { get; init; }

    /// <summary>Distinct corpus documents.</summary>
    public int Corpus { get; init; }

    /// <summary>Relevance judgments naming a document the corpus lacks (BEIR only).</summary>
    public int MissingJudgedDocuments { get; init; }
}
