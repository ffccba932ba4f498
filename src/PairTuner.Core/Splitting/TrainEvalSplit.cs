using PairTuner.Contracts.Randomness;

namespace PairTuner.Core.Splitting;

/// <summary>The arithmetic of a split, kept apart from I/O so tests can check it by hand.</summary>
public static class TrainEvalSplit
{
    /// <summary>
    /// floor(fraction * n), computed in decimal: in double, 0.8 * n can land a hair under an
    /// integer and floor one pair away from what a person computes.
    /// </summary>
    public static int TrainCount(int pairs, double trainFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pairs);
        return (int)decimal.Floor((decimal)trainFraction * pairs);
    }

    /// <summary>
    /// A uniformly random permutation of 0..n-1 (Durstenfeld's Fisher-Yates: for i from n-1 down
    /// to 1, swap i with an index drawn from [0, i]).
    /// </summary>
    public static int[] Permutation(int n, SeededRandom random)
    {
        var order = new int[n];
        Permutation(order, random);
        return order;
    }

    /// <summary>The same permutation of 0..order.Length-1, into a caller's buffer.</summary>
    public static void Permutation(Span<int> order, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)random.NextInt64(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>The permutation for shard <paramref name="shardIndex"/>, seeded by (seed, shard index).</summary>
    public static int[] PermutationForShard(int n, int seed, int shardIndex)
        => Permutation(n, ForShard(seed, shardIndex));

    /// <summary>The generator of shard <paramref name="shardIndex"/>'s permutation.</summary>
    public static SeededRandom ForShard(int seed, int shardIndex) => SeededRandom.ForStream(seed, shardIndex, RandomPurpose.Split);
}
