using PairTuner.Contracts.Randomness;
using PairTuner.Core.Splitting;

namespace PairTuner.Core.Tests.Splitting;

public class TrainEvalSplitTests
{
    [Fact]
    public void Train_is_floor_of_eighty_percent_and_eval_the_rest_for_every_n()
    {
        for (var n = 0; n <= 2_000; n++)
        {
            Assert.Equal(n * 4 / 5, TrainEvalSplit.TrainCount(n, 0.8));
        }

        Assert.Equal(7, TrainEvalSplit.TrainCount(10, 0.75));
    }

    [Fact]
    public void Permutation_matches_values_computed_independently()
        => Assert.Equal([6, 8, 7, 4, 9, 1, 5, 0, 2, 3], TrainEvalSplit.PermutationForShard(10, seed: 42, shardIndex: 0));

    [Fact]
    public void Permutation_is_a_permutation_and_depends_on_seed_and_shard()
    {
        var a = TrainEvalSplit.PermutationForShard(1_000, 42, 0);
        Assert.Equal(Enumerable.Range(0, 1_000), a.Order());
        Assert.Equal(a, TrainEvalSplit.PermutationForShard(1_000, 42, 0));
        Assert.NotEqual(a, TrainEvalSplit.PermutationForShard(1_000, 42, 1));
        Assert.NotEqual(a, TrainEvalSplit.PermutationForShard(1_000, 7, 0));
    }

    [Fact]
    public void Every_position_is_equally_likely()
    {
        // Where element 0 lands over many shuffles of 5: each slot about a fifth of the time.
        var counts = new int[5];
        var random = new SeededRandom(11);
        for (var i = 0; i < 50_000; i++)
        {
            counts[Array.IndexOf(TrainEvalSplit.Permutation(5, random), 0)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Fraction_must_be_strictly_between_0_and_1(double fraction)
        => Assert.Contains("split.trainFraction", Assert.Throws<ArgumentException>(new SplitOptions { TrainFraction = fraction }.Validate).Message, StringComparison.Ordinal);
}
