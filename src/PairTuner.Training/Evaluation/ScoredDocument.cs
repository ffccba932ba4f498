namespace PairTuner.Training.Evaluation;

/// <summary>One retrieved corpus document: its index in the corpus and its cosine score for the query.</summary>
public readonly record struct ScoredDocument(int Document, float Score)
{
    /// <summary>
    /// Ranking order: higher score first; on an exact tie the document that comes first in the
    /// corpus wins. sentence-transformers leaves tie order to its heap layout; a fixed rule makes
    /// our numbers reproducible run to run.
    /// </summary>
    public bool RanksAbove(ScoredDocument other)
        => Score > other.Score || (Score == other.Score && Document < other.Document);
}
