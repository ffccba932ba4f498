using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Losses;

/// <summary>
/// sentence-transformers' CachedMultipleNegativesRankingLoss (GradCache, Gao et al. 2021): the same
/// loss and gradients as <see cref="MultipleNegativesRankingLoss"/> with activation memory bounded by
/// <see cref="RankingLossOptions.MiniBatchSize"/> texts, so a batch of 1024 trains where 64 fits.
/// <list type="number">
/// <item>Embed every column in mini-batches without autograd (only the embeddings are kept).</item>
/// <item>Compute the loss from those embeddings as leaves and backpropagate it to them: the cached
/// gradient dLoss/dEmbedding (the score matrix is also built in anchor mini-batches).</item>
/// <item>Re-embed each mini-batch with autograd and backpropagate <c>sum(embedding * cachedGrad)</c>,
/// whose gradient with respect to the parameters is exactly that mini-batch's share of dLoss/dParams.</item>
/// </list>
/// Step 3 must see the dropout masks of step 1; each mini-batch reseeds torch's generators from
/// <see cref="DropoutRandom.Derive"/>(batch seed, column, mini-batch) before both passes.
/// </summary>
public sealed class CachedMultipleNegativesRankingLoss : IRankingLoss
{
    private readonly RankingLossOptions _options;

    public CachedMultipleNegativesRankingLoss(RankingLossOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.MiniBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MiniBatchSize, "The mini-batch size must be at least 1.");
        }
    }

    public double Backward(SentenceEmbedder embed, RankingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(embed);
        ArgumentNullException.ThrowIfNull(batch);
        var columns = batch.Columns;
        var mini = _options.MiniBatchSize;

        using var scope = NewDisposeScope();

        // 1. Embeddings without a graph.
        var cached = new Tensor[columns.Count];
        using (no_grad())
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var parts = new List<Tensor>();
                foreach (var (start, count) in Chunks(columns[c].Count, mini))
                {
                    DropoutRandom.Seed(DropoutRandom.Derive(batch.DropoutSeed, c, start));
                    parts.Add(embed(Slice(columns[c], start, count)).detach());
                }

                cached[c] = cat(parts.ToArray(), 0);
            }
        }

        // 2. Loss and dLoss/dEmbedding, with the score matrix built a block of anchors at a time.
        var anchors = cached[0].detach().requires_grad_(true);
        var candidates = cat(cached.Skip(1).ToArray(), 0).detach().requires_grad_(true);
        var n = anchors.shape[0];
        var total = 0.0;
        foreach (var (start, count) in Chunks((int)n, mini))
        {
            using var block = NewDisposeScope();
            var scores = SimilarityScores.Compute(_options.Similarity, anchors.narrow(0, start, count), candidates) * _options.Scale;
            var labels = arange(start, start + count, dtype: int64, device: scores.device);
            // Each block's mean is weighted by its share of the rows, so the blocks sum to the batch mean.
            var loss = nn.functional.cross_entropy(scores, labels) * ((double)count / n);
            loss.backward();
            total += loss.ToDouble();
        }

        var grads = new Tensor[columns.Count];
        grads[0] = anchors.grad!;
        var offset = 0L;
        for (var c = 1; c < columns.Count; c++)
        {
            grads[c] = candidates.grad!.narrow(0, offset, columns[c].Count);
            offset += columns[c].Count;
        }

        // 3. Re-embed with a graph under the same dropout masks and push the cached gradients through.
        for (var c = 0; c < columns.Count; c++)
        {
            foreach (var (start, count) in Chunks(columns[c].Count, mini))
            {
                using var block = NewDisposeScope();
                DropoutRandom.Seed(DropoutRandom.Derive(batch.DropoutSeed, c, start));
                var embedding = embed(Slice(columns[c], start, count));
                var surrogate = (embedding * grads[c].narrow(0, start, count).to(embedding.dtype)).sum();
                surrogate.backward();
            }
        }

        return total;
    }

    private static IEnumerable<(int Start, int Count)> Chunks(int length, int size)
    {
        for (var start = 0; start < length; start += size)
        {
            yield return (start, Math.Min(size, length - start));
        }
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
