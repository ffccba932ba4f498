namespace PairTuner.Training.Evaluation.Beir;

/// <summary>A BEIR-format retrieval benchmark: corpus, queries and one split's relevance judgments.</summary>
public sealed record BeirDataset
{
    public required IReadOnlyList<BeirDocument> Corpus { get; init; }
    public required IReadOnlyList<BeirQuery> Queries { get; init; }

    /// <summary>query id -> corpus id -> graded relevance, from <c>qrels/{split}.tsv</c>.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Qrels { get; init; }

    public required string Split { get; init; }

    /// <summary>
    /// The retrieval task: relevance is binary (a judgment with score above 0 is relevant; BEIR uses
    /// 0 for "judged, not relevant"), and queries the split does not judge are left out.
    /// </summary>
    public RetrievalTask ToRetrievalTask()
    {
        var relevant = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (queryId, judgments) in Qrels)
        {
            var set = judgments.Where(static j => j.Value > 0).Select(static j => j.Key).ToHashSet(StringComparer.Ordinal);
            if (set.Count > 0)
            {
                relevant[queryId] = set;
            }
        }

        return RetrievalTask.Create(
            Queries.Select(static q => (q.Id, q.Text)).ToArray(),
            Corpus.Select(static d => (d.Id, d.SearchText)).ToArray(),
            relevant);
    }
}
