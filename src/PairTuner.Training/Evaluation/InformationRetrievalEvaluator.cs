namespace PairTuner.Training.Evaluation;

/// <summary>
/// sentence-transformers' InformationRetrievalEvaluator: embeds the queries, then the corpus chunk
/// by chunk, keeps each query's exact cosine top-k and computes
/// <see cref="InformationRetrievalMetrics"/> (<c>cosine_accuracy@k</c>, <c>cosine_ndcg@10</c>, ...).
/// </summary>
public sealed class InformationRetrievalEvaluator
{
    private readonly RetrievalTask _task;
    private readonly InformationRetrievalOptions _options;

    public InformationRetrievalEvaluator(RetrievalTask task, InformationRetrievalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        _task = task;
        _options = options ?? InformationRetrievalOptions.Default;
        _options.Validate();
    }

    /// <summary>Embeds queries and corpus with <paramref name="embedder"/> and evaluates.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(ITextEmbedder embedder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var queries = embedder.Embed(_task.QueryTexts, cancellationToken);
        return Evaluate(
            queries,
            (start, count) => embedder.Embed(Slice(_task.CorpusTexts, start, count), cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Evaluates with query embeddings already computed; <paramref name="corpusChunk"/> returns the
    /// embeddings of corpus documents <c>[start, start + count)</c>, called in corpus order.
    /// </summary>
    public IReadOnlyDictionary<string, double> Evaluate(
        EmbeddingMatrix queryEmbeddings,
        Func<int, int, EmbeddingMatrix> corpusChunk,
        CancellationToken cancellationToken = default)
        => EvaluatePerQuery(queryEmbeddings, corpusChunk, cancellationToken).Metrics;

    /// <summary>As <see cref="Evaluate(EmbeddingMatrix, Func{int, int, EmbeddingMatrix}, CancellationToken)"/>, keeping each query's values and ranking.</summary>
    public RetrievalEvaluation EvaluatePerQuery(
        EmbeddingMatrix queryEmbeddings,
        Func<int, int, EmbeddingMatrix> corpusChunk,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queryEmbeddings);
        ArgumentNullException.ThrowIfNull(corpusChunk);
        if (queryEmbeddings.Count != _task.QueryTexts.Count)
        {
            throw new ArgumentException(
                $"{queryEmbeddings.Count} query embeddings for {_task.QueryTexts.Count} queries.", nameof(queryEmbeddings));
        }

        var search = new ExactTopKSearch(queryEmbeddings, _options.MaxK);
        var corpusSize = _task.CorpusTexts.Count;
        for (var start = 0; start < corpusSize; start += _options.CorpusChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(_options.CorpusChunkSize, corpusSize - start);
            var chunk = corpusChunk(start, count);
            if (chunk.Count != count)
            {
                throw new InvalidOperationException($"Asked for {count} corpus embeddings from {start}, got {chunk.Count}.");
            }

            search.AddChunk(chunk, cancellationToken);
        }

        var rankings = search.Rankings()
            .Select(static r => (IReadOnlyList<int>)r.Select(static d => d.Document).ToArray())
            .ToArray();
        var perQuery = InformationRetrievalMetrics.PerQuery(rankings, _task.Relevant, _options);
        return new RetrievalEvaluation(InformationRetrievalMetrics.Average(perQuery), perQuery, rankings);
    }

    private static string[] Slice(IReadOnlyList<string> texts, int start, int count)
    {
        var slice = new string[count];
        for (var i = 0; i < count; i++)
        {
            slice[i] = texts[start + i];
        }

        return slice;
    }
}
