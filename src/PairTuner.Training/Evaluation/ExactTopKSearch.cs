using System.Numerics.Tensors;

namespace PairTuner.Training.Evaluation;

/// <summary>
/// Exact (brute-force) cosine top-k of every query over a corpus that arrives in chunks. Only the
/// current chunk and k results per query are held, so a 1M-document corpus needs
/// <c>chunk x dimension</c> floats plus <c>queries x k</c> results, never a queries x corpus matrix.
/// </summary>
public sealed class ExactTopKSearch
{
    private readonly EmbeddingMatrix _queries;
    private readonly TopKCollector[] _collectors;
    private int _documentsSeen;

    /// <param name="queries">Query embeddings; they are normalized here (in place).</param>
    /// <param name="k">How many documents to keep per query.</param>
    public ExactTopKSearch(EmbeddingMatrix queries, int k)
    {
        ArgumentNullException.ThrowIfNull(queries);
        _queries = queries;
        _queries.NormalizeRows();
        _collectors = new TopKCollector[queries.Count];
        for (var i = 0; i < _collectors.Length; i++)
        {
            _collectors[i] = new TopKCollector(k);
        }
    }

    /// <summary>How many corpus documents have been scored so far.</summary>
    public int DocumentsSeen => _documentsSeen;

    /// <summary>
    /// Scores the next chunk of the corpus. Chunks must arrive in corpus order: the chunk's first row
    /// is document <see cref="DocumentsSeen"/>. The chunk is normalized in place.
    /// </summary>
    public void AddChunk(EmbeddingMatrix chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk.Count == 0)
        {
            return;
        }

        if (chunk.Dimension != _queries.Dimension)
        {
            throw new ArgumentException(
                $"Corpus embeddings have dimension {chunk.Dimension}, queries {_queries.Dimension}.", nameof(chunk));
        }

        chunk.NormalizeRows();
        var first = _documentsSeen;
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, _queries.Count, options, () => new float[chunk.Count], (q, _, scores) =>
        {
            ReadOnlySpan<float> query = _queries.Row(q);
            for (var d = 0; d < chunk.Count; d++)
            {
                scores[d] = TensorPrimitives.Dot(query, chunk.Row(d));
            }

            var collector = _collectors[q];
            for (var d = 0; d < scores.Length; d++)
            {
                // Cheap reject first: most documents of a large corpus never beat the k-th best.
                if (scores[d] >= collector.Threshold)
                {
                    collector.Add(first + d, scores[d]);
                }
            }

            return scores;
        }, static _ => { });
        _documentsSeen += chunk.Count;
    }

    /// <summary>Per query, the best documents found, best first.</summary>
    public IReadOnlyList<ScoredDocument[]> Rankings()
        => _collectors.Select(static c => c.ToRanking()).ToArray();
}
