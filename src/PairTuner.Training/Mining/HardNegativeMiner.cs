using System.Diagnostics;
using System.Numerics.Tensors;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Randomness;
using PairTuner.Core.Pairs;
using PairTuner.Training.Batching;
using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Mining;

/// <summary>
/// Hard negatives for MultipleNegativesRankingLoss, mined the way sentence-transformers'
/// <c>util.mine_hard_negatives</c> does: embed the anchors (<c>text1</c>) and the candidate corpus
/// (<see cref="CandidateCorpus"/>) with the model about to be tuned, rank the corpus by cosine for
/// each anchor with an exact search, leave out the pair's related texts, look only at the first
/// <see cref="HardNegativeMinerOptions.EffectiveRangeMax"/> of that ranking, drop candidates within
/// the margin of the positive, skip the first <see cref="HardNegativeMinerOptions.RangeMin"/> that
/// remain, and take <see cref="HardNegativeMinerOptions.NegativesPerPair"/> of the rest (the top
/// ones, or a seeded random draw). Like the library's default <c>triplet</c> output, a pair with
/// several negatives becomes one row per negative. Unlike it, a pair for which nothing qualifies is
/// kept (without a negative) instead of dropped, and a pair with a negative of its own keeps it.
/// </summary>
public sealed class HardNegativeMiner
{
    /// <summary>Corpus texts embedded and scored at a time: memory stays at one chunk of embeddings.</summary>
    private const int CorpusChunk = 4096;

    /// <summary>Keeps the sampling stream apart from the shuffles that use the same seed.</summary>
    private const long SamplingStream = 0x6D696E65;

    private readonly HardNegativeMinerOptions _options;

    public HardNegativeMiner(HardNegativeMinerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _options = options;
    }

    /// <param name="pairs">The training pairs.</param>
    /// <param name="embedder">The model being tuned, in evaluation mode (no dropout).</param>
    public MiningResult Mine(IReadOnlyList<Pair> pairs, ITextEmbedder embedder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(embedder);
        var clock = Stopwatch.StartNew();
        var corpus = new CandidateCorpus(pairs);
        var toMine = Enumerable.Range(0, pairs.Count).Where(i => pairs[i].Negative is null).ToArray();

        var queryTexts = new List<string>();
        var queryByText = new Dictionary<string, int>(StringComparer.Ordinal);
        var queryOf = new int[toMine.Length];
        for (var m = 0; m < toMine.Length; m++)
        {
            var anchor = pairs[toMine[m]].Text1;
            if (!queryByText.TryGetValue(anchor, out var q))
            {
                q = queryTexts.Count;
                queryByText.Add(anchor, q);
                queryTexts.Add(anchor);
            }

            queryOf[m] = q;
        }

        var related = toMine.Select(corpus.RelatedTo).ToArray();
        var positives = new float[toMine.Length];
        var rankings = toMine.Length == 0
            ? []
            : Rank(corpus, toMine, queryTexts, queryOf, related, positives, embedder, cancellationToken);

        var random = new SeededRandom(unchecked((_options.Seed * 1_000_003) + SamplingStream));
        var rows = new List<Pair>(pairs.Count);
        int own = 0, mined = 0, without = 0, negatives = 0;
        long rejected = 0;
        double positiveSum = 0, negativeSum = 0;
        var next = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            if (pair.Negative is not null)
            {
                own++;
                rows.Add(pair);
                continue;
            }

            var m = next++;
            var picked = Pick(Qualify(rankings[queryOf[m]], related[m], positives[m], ref rejected), random);
            if (picked.Count == 0)
            {
                without++;
                rows.Add(pair);
                continue;
            }

            mined++;
            positiveSum += positives[m];
            foreach (var negative in picked)
            {
                negatives++;
                negativeSum += negative.Score;
                rows.Add(pair with { Negative = corpus.Texts[negative.Document] });
            }
        }

        var summary = new MiningSummary
        {
            Pairs = pairs.Count,
            PairsWithOwnNegative = own,
            PairsMined = mined,
            PairsWithoutCandidates = without,
            NegativesMined = negatives,
            TrainingRows = rows.Count,
            CorpusTexts = corpus.Texts.Count,
            RejectedByMargin = rejected,
            MeanPositiveScore = mined > 0 ? positiveSum / mined : null,
            MeanNegativeScore = negatives > 0 ? negativeSum / negatives : null,
            Seconds = clock.Elapsed.TotalSeconds,
        };
        return new MiningResult(rows, summary);
    }

    /// <summary>
    /// Each query's ranking of the corpus, deep enough that <see cref="HardNegativeMinerOptions.EffectiveRangeMax"/>
    /// candidates remain after its related texts are left out, and each mined pair's positive score.
    /// </summary>
    private IReadOnlyList<ScoredDocument[]> Rank(
        CandidateCorpus corpus,
        int[] toMine,
        List<string> queryTexts,
        int[] queryOf,
        HashSet<int>[] related,
        float[] positives,
        ITextEmbedder embedder,
        CancellationToken cancellationToken)
    {
        var depth = Math.Min(corpus.Texts.Count, _options.EffectiveRangeMax + related.Max(r => r.Count));
        var queries = embedder.Embed(queryTexts, cancellationToken);
        var search = new ExactTopKSearch(queries, depth);

        // Positive scores are read from the chunk that holds the positive, while it is in memory.
        var byChunk = Enumerable.Range(0, toMine.Length).ToLookup(m => corpus.PositiveOf(toMine[m]) / CorpusChunk);
        for (var start = 0; start < corpus.Texts.Count; start += CorpusChunk)
        {
            var count = Math.Min(CorpusChunk, corpus.Texts.Count - start);
            var texts = new string[count];
            for (var t = 0; t < count; t++)
            {
                texts[t] = corpus.Texts[start + t];
            }

            var chunk = embedder.Embed(texts, cancellationToken);
            search.AddChunk(chunk, cancellationToken);
            foreach (var m in byChunk[start / CorpusChunk])
            {
                // Both rows are unit length by now (the search normalizes them), so the dot is the cosine.
                positives[m] = TensorPrimitives.Dot(queries.Row(queryOf[m]), chunk.Row(corpus.PositiveOf(toMine[m]) - start));
            }
        }

        return search.Rankings();
    }

    /// <summary>The candidates that qualify, best first: not related, inside the range, below the positive by the margin.</summary>
    private List<ScoredDocument> Qualify(ScoredDocument[] ranking, HashSet<int> related, float positive, ref long rejected)
    {
        var rangeMax = _options.EffectiveRangeMax;
        var qualifying = new List<ScoredDocument>();
        var rank = 0;
        foreach (var candidate in ranking)
        {
            if (related.Contains(candidate.Document))
            {
                continue;
            }

            if (rank++ >= rangeMax)
            {
                break;
            }

            // sentence-transformers drops a candidate when score + absolute_margin > positive score.
            if (candidate.Score + _options.Margin > positive)
            {
                rejected++;
                continue;
            }

            qualifying.Add(candidate);
        }

        // As in the library, range_min skips qualifying candidates, after the margin has had its say.
        return qualifying.Count > _options.RangeMin ? qualifying.GetRange(_options.RangeMin, qualifying.Count - _options.RangeMin) : [];
    }

    private List<ScoredDocument> Pick(List<ScoredDocument> qualifying, SeededRandom random)
    {
        var wanted = _options.NegativesPerPair;
        if (_options.Sampling == MineSampling.Top || qualifying.Count <= wanted)
        {
            return qualifying.Count <= wanted ? qualifying : qualifying.GetRange(0, wanted);
        }

        // A partial Fisher-Yates draw of `wanted` distinct candidates, then back in ranking order.
        for (var j = 0; j < wanted; j++)
        {
            var k = j + random.NextIntByRemainder(qualifying.Count - j);
            (qualifying[j], qualifying[k]) = (qualifying[k], qualifying[j]);
        }

        var drawn = qualifying.GetRange(0, wanted);
        drawn.Sort(static (a, b) => a.RanksAbove(b) ? -1 : b.RanksAbove(a) ? 1 : 0);
        return drawn;
    }
}
