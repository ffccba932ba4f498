namespace PairTuner.Training.Evaluation;

/// <summary>
/// The cut-offs and chunking of the retrieval evaluation. Defaults are sentence-transformers'
/// InformationRetrievalEvaluator defaults, so metric names and values line up with its reports.
/// </summary>
public sealed record InformationRetrievalOptions
{
    public IReadOnlyList<int> AccuracyAtK { get; init; } = [1, 3, 5, 10];
    public IReadOnlyList<int> PrecisionRecallAtK { get; init; } = [1, 3, 5, 10];
    public IReadOnlyList<int> MrrAtK { get; init; } = [10];
    public IReadOnlyList<int> NdcgAtK { get; init; } = [10];
    public IReadOnlyList<int> MapAtK { get; init; } = [100];

    /// <summary>Corpus documents embedded and scored at a time (sentence-transformers: 50,000).</summary>
    public int CorpusChunkSize { get; init; } = 50_000;

    /// <summary>Prefix of every metric name; the similarity is cosine, as in <c>cosine_ndcg@10</c>.</summary>
    public string ScoreFunctionName { get; init; } = "cosine";

    public static InformationRetrievalOptions Default { get; } = new();

    /// <summary>The deepest cut-off of any metric: how many documents each query keeps.</summary>
    public int MaxK => new[] { AccuracyAtK, PrecisionRecallAtK, MrrAtK, NdcgAtK, MapAtK }
        .SelectMany(static ks => ks)
        .DefaultIfEmpty(1)
        .Max();

    internal void Validate()
    {
        foreach (var k in AccuracyAtK.Concat(PrecisionRecallAtK).Concat(MrrAtK).Concat(NdcgAtK).Concat(MapAtK))
        {
            if (k <= 0)
            {
                throw new ArgumentException($"Every cut-off k must be at least 1; got {k}.");
            }
        }

        if (CorpusChunkSize <= 0)
        {
            throw new ArgumentException($"{nameof(CorpusChunkSize)} must be at least 1; got {CorpusChunkSize}.");
        }
    }
}
