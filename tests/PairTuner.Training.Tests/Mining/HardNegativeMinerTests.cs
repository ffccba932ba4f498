using PairTuner.Contracts.Jobs;
using PairTuner.Core.Pairs;
using PairTuner.Training.Mining;

namespace PairTuner.Training.Tests.Mining;

public sealed class HardNegativeMinerTests
{
    private static MiningResult Mine(HardNegativeMinerOptions options, IReadOnlyList<Pair>? pairs = null)
        => new HardNegativeMiner(options).Mine(pairs ?? AngleEmbeddings.Pairs, AngleEmbeddings.Embedder());

    private const string NoNegative = "(none)";

    private static string[] NegativesOfTarget(MiningResult result)
        => result.Pairs.Where(p => p.Text1 == AngleEmbeddings.Target.Text1).Select(p => p.Negative ?? NoNegative).ToArray();

    [Fact]
    public void The_hardest_negative_is_the_closest_unrelated_text_below_the_positive()
    {
        // Closer than the positive (20): "at 5" (margin), "at 10" (same group), "at 15" (paired
        // with the positive), "  POSITIVE " (the positive itself). Next comes "at 25".
        var result = Mine(new HardNegativeMinerOptions());

        Assert.Equal(["at 25"], NegativesOfTarget(result));
    }

    [Fact]
    public void Mining_never_returns_a_text_of_the_same_pair_its_partners_or_its_group()
    {
        // Every candidate inside the range, as many as there are: only the unrelated ones can come.
        var result = Mine(new HardNegativeMinerOptions { NegativesPerPair = 20, Margin = -2 });

        var negatives = NegativesOfTarget(result);
        Assert.Equal(["at 5", "at 25", "at 30", "at 40", "at 60", "at 80"], negatives);
        foreach (var pair in result.Pairs.Where(p => p.Negative is not null))
        {
            Assert.NotEqual(pair.Text1.Trim(), pair.Negative!.Trim(), StringComparer.OrdinalIgnoreCase);
            Assert.NotEqual(pair.Text2.Trim(), pair.Negative.Trim(), StringComparer.OrdinalIgnoreCase);
            var group = AngleEmbeddings.Pairs.Where(p => p.Group is not null && p.Group == pair.Group).SelectMany(p => new[] { p.Text1, p.Text2 });
            Assert.DoesNotContain(pair.Negative, group);
        }
    }

    [Fact]
    public void The_margin_keeps_negatives_that_far_below_the_positive()
    {
        // Positive cosine 0.940; a margin of 0.1 asks for 0.840 or less: "at 25" (0.906) and
        // "at 30" (0.866) go, "at 40" (0.766) is the hardest that stays.
        var result = Mine(new HardNegativeMinerOptions { Margin = 0.1, NegativesPerPair = 3 });

        Assert.Equal(["at 40", "at 60", "at 80"], NegativesOfTarget(result));
        var positive = AngleEmbeddings.Cosine(0, 20);
        Assert.All(new[] { 40.0, 60, 80 }, degrees => Assert.True(AngleEmbeddings.Cosine(0, degrees) + 0.1 <= positive));
    }

    [Fact]
    public void The_range_limits_the_ranking_depth_and_range_min_skips_qualifying_candidates()
    {
        // The first three unrelated: "at 5" (fails the margin), "at 25", "at 30"; range_min 1 skips "at 25".
        var result = Mine(new HardNegativeMinerOptions { RangeMin = 1, RangeMax = 3, NegativesPerPair = 5 });
        Assert.Equal(["at 30"], NegativesOfTarget(result));

        // Depth 2 leaves "at 5" and "at 25"; skipping one leaves nothing: the pair trains without a negative.
        var none = Mine(new HardNegativeMinerOptions { RangeMin = 1, RangeMax = 2 });
        Assert.Equal([NoNegative], NegativesOfTarget(none));
        Assert.True(none.Summary.PairsWithoutCandidates >= 1);
    }

    [Fact]
    public void Several_negatives_make_one_row_each_in_ranking_order()
    {
        var result = Mine(new HardNegativeMinerOptions { NegativesPerPair = 2 });

        var rows = result.Pairs.Where(p => p.Text1 == "anchor").ToArray();
        Assert.Equal(["at 25", "at 30"], rows.Select(r => r.Negative));
        Assert.All(rows, r => Assert.Equal(AngleEmbeddings.Target with { Negative = r.Negative }, r));
        Assert.Equal(result.Summary.TrainingRows, result.Pairs.Count);
        Assert.Equal(result.Summary.NegativesMined + result.Summary.PairsWithoutCandidates + result.Summary.PairsWithOwnNegative, result.Pairs.Count);
    }

    [Fact]
    public void Random_sampling_draws_qualifying_candidates_and_the_seed_decides()
    {
        var qualifying = new[] { "at 25", "at 30", "at 40", "at 60", "at 80" };
        var draws = new HashSet<string>();
        for (var seed = 0; seed < 20; seed++)
        {
            var options = new HardNegativeMinerOptions { NegativesPerPair = 2, Sampling = MineSampling.Random, Seed = seed };
            var negatives = NegativesOfTarget(Mine(options));
            Assert.Equal(2, negatives.Length);
            Assert.All(negatives, n => Assert.Contains(n, qualifying));
            Assert.True(Array.IndexOf(qualifying, negatives[0]) < Array.IndexOf(qualifying, negatives[1]), "drawn negatives come back in ranking order");
            Assert.Equal(negatives, NegativesOfTarget(Mine(options)));
            draws.Add(string.Join("|", negatives));
        }

        // Top sampling would give "at 25|at 30" every time; 20 random draws of 2 from 5 do not.
        Assert.True(draws.Count > 3, $"only {draws.Count} different draws");
    }

    [Fact]
    public void Top_sampling_is_the_same_for_every_seed()
    {
        var first = Mine(new HardNegativeMinerOptions { NegativesPerPair = 2, Seed = 1 });
        var second = Mine(new HardNegativeMinerOptions { NegativesPerPair = 2, Seed = 2 });

        Assert.Equal(first.Pairs, second.Pairs);
    }

    [Fact]
    public void Pairs_with_a_negative_of_their_own_keep_it_and_are_not_embedded_as_queries()
    {
        var pairs = AngleEmbeddings.Pairs.Select((p, i) => i == 0 ? p with { Negative = "at 80" } : p).ToArray();
        var embedder = AngleEmbeddings.Embedder();

        var result = new HardNegativeMiner(new HardNegativeMinerOptions { NegativesPerPair = 3 }).Mine(pairs, embedder);

        Assert.Equal([pairs[0]], result.Pairs.Where(p => p.Text1 == "anchor"));
        Assert.Equal(1, result.Summary.PairsWithOwnNegative);
        Assert.Equal(pairs.Length, result.Summary.Pairs);
    }

    [Fact]
    public void The_summary_counts_what_happened()
    {
        var result = Mine(new HardNegativeMinerOptions());
        var summary = result.Summary;

        Assert.Equal(AngleEmbeddings.Pairs.Count, summary.Pairs);
        Assert.Equal(summary.Pairs, summary.PairsMined + summary.PairsWithoutCandidates + summary.PairsWithOwnNegative);
        Assert.Equal(summary.PairsMined, summary.NegativesMined);
        // text2 of every pair, "  POSITIVE " counted with "positive".
        Assert.Equal(9, summary.CorpusTexts);
        Assert.True(summary.RejectedByMargin >= 1, "\"at 5\" is closer to pair 0's anchor than its positive");
        Assert.NotNull(summary.MeanPositiveScore);
        Assert.True(summary.MeanNegativeScore <= summary.MeanPositiveScore);
    }

    [Theory]
    [InlineData(0, null, 0.0, "--negatives-per-pair")]
    [InlineData(1, null, double.NaN, "--mine-margin")]
    [InlineData(1, 0, 0.0, "--mine-range-max")]
    public void Impossible_options_are_refused_naming_the_flag(int negatives, int? rangeMax, double margin, string flag)
    {
        var options = new HardNegativeMinerOptions { NegativesPerPair = negatives, RangeMax = rangeMax, Margin = margin };

        var error = Assert.Throws<ArgumentException>(() => new HardNegativeMiner(options));
        Assert.Contains(flag, error.Message, StringComparison.Ordinal);
    }
}
