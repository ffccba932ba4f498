using PairTuner.Core.Pairs;
using PairTuner.Training.Batching;

namespace PairTuner.Training.Tests.Batching;

public class NoDuplicatesBatchSamplerTests
{
    // 200 pairs over only 60 distinct texts (with case and whitespace variants), 40 groups.
    private static readonly Pair[] Pairs = Enumerable.Range(0, 200)
        .Select(i => new Pair(
            Text1: (i % 3 == 0 ? " Text " : "text ") + (i % 60),
            Text2: "Other " + ((i * 7) % 150),
            Group: i % 5 == 0 ? "g" + (i % 40) : null))
        .ToArray();

    [Fact]
    public void No_batch_holds_two_pairs_sharing_a_text_after_trim_and_lowercase()
    {
        var sampler = new NoDuplicatesBatchSampler(Pairs, new BatchSamplerOptions { BatchSize = 16, Seed = 3 });
        foreach (var batch in Enumerable.Range(0, 3).SelectMany(sampler.BatchesOf))
        {
            var texts = batch.SelectMany(i => new[] { Pairs[i].Text1, Pairs[i].Text2 }).Select(t => t.Trim().ToLowerInvariant()).ToArray();
            Assert.Equal(texts.Length, texts.Distinct().Count());
            Assert.InRange(batch.Length, 1, 16);
        }
    }

    [Fact]
    public void Pairs_of_one_group_never_share_a_batch()
    {
        var sampler = new NoDuplicatesBatchSampler(Pairs, new BatchSamplerOptions { BatchSize = 16, Seed = 3, NoDuplicates = false });
        foreach (var batch in sampler.BatchesOf(0))
        {
            var groups = batch.Select(i => Pairs[i].Group).Where(g => g is not null).ToArray();
            Assert.Equal(groups.Length, groups.Distinct().Count());
        }
    }

    [Fact]
    public void Every_pair_appears_exactly_once_per_epoch()
    {
        var sampler = new NoDuplicatesBatchSampler(Pairs, new BatchSamplerOptions { BatchSize = 16, Seed = 3 });
        for (var epoch = 0; epoch < 3; epoch++)
        {
            var seen = sampler.BatchesOf(epoch).SelectMany(b => b).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, Pairs.Length), seen);
        }
    }

    [Fact]
    public void Deterministic_for_a_seed_and_reshuffled_each_epoch()
    {
        var options = new BatchSamplerOptions { BatchSize = 16, Seed = 3 };
        var a = new NoDuplicatesBatchSampler(Pairs, options).BatchesOf(1);
        var b = new NoDuplicatesBatchSampler(Pairs, options).BatchesOf(1);
        Assert.Equal(a.SelectMany(x => x), b.SelectMany(x => x));

        var otherEpoch = new NoDuplicatesBatchSampler(Pairs, options).BatchesOf(2);
        Assert.NotEqual(a.SelectMany(x => x), otherEpoch.SelectMany(x => x));

        var otherSeed = new NoDuplicatesBatchSampler(Pairs, options with { Seed = 4 }).BatchesOf(1);
        Assert.NotEqual(a.SelectMany(x => x), otherSeed.SelectMany(x => x));
    }

    [Fact]
    public void A_text_shared_by_every_pair_still_trains_every_pair_in_batches_of_one()
    {
        var pairs = Enumerable.Range(0, 5).Select(i => new Pair("same question", "answer " + i)).ToArray();
        var batches = new NoDuplicatesBatchSampler(pairs, new BatchSamplerOptions { BatchSize = 4, Seed = 1 }).BatchesOf(0);
        Assert.Equal(5, batches.Count);
        Assert.All(batches, b => Assert.Single(b));
    }

    [Fact]
    public void Without_conflicts_batches_are_full_except_the_last()
    {
        var pairs = Enumerable.Range(0, 70).Select(i => new Pair("q" + i, "d" + i)).ToArray();
        var batches = new NoDuplicatesBatchSampler(pairs, new BatchSamplerOptions { BatchSize = 32, Seed = 1 }).BatchesOf(0);
        Assert.Equal(new[] { 32, 32, 6 }, batches.Select(b => b.Length));
    }
}
