namespace PairTuner.Contracts.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny generator whose every output is fixed by
/// its seed on every machine and every .NET version. System.Random's algorithm is unspecified
/// and has changed between releases, so synthetic labels, splits, batch order and hard-negative
/// sampling all use this instead: a run is reproducible from its seed alone.
/// </summary>
public sealed class SeededRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const double UnitScale = 1.0 / (1UL << 53);

    private ulong _state;

    public SeededRandom(ulong seed)
    {
        _state = seed;
    }

    /// <summary>
    /// The same generator from a signed seed (training options hold seeds as <see cref="long"/>):
    /// the seed's two's-complement bits are the state, so -1 and <see cref="ulong.MaxValue"/> agree.
    /// </summary>
    public SeededRandom(long seed)
        : this(unchecked((ulong)seed))
    {
    }

    /// <summary>
    /// A generator for one independent stream: <paramref name="stream"/> is, for example, a shard
    /// index, and <paramref name="purpose"/> keeps labels and splits of one shard apart, so that
    /// changing one never moves the other.
    /// </summary>
    public static SeededRandom ForStream(long seed, long stream, RandomPurpose purpose)
    {
        var key = Mix(unchecked((ulong)seed) ^ Mix(unchecked(((ulong)stream * Golden) + (ulong)purpose)));
        return new SeededRandom(key);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state = unchecked(_state + Golden);
        return Mix(_state);
    }

    /// <summary>A double in [0, 1) from the top 53 bits, as numpy's <c>random()</c> builds it.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * UnitScale;

    /// <summary>An unbiased integer in [0, <paramref name="exclusiveMax"/>) (Lemire's multiply-and-reject).</summary>
    public long NextInt64(long exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        var range = (ulong)exclusiveMax;
        var product = (UInt128)NextUInt64() * range;
        var low = (ulong)product;
        if (low < range)
        {
            var threshold = unchecked(0UL - range) % range;
            while (low < threshold)
            {
                product = (UInt128)NextUInt64() * range;
                low = (ulong)product;
            }
        }

        return (long)(ulong)(product >> 64);
    }

    /// <summary>
    /// An unbiased integer in [0, <paramref name="maxExclusive"/>) by rejecting the top partial block
    /// of 64-bit values and taking the remainder of the rest. It draws different numbers than
    /// <see cref="NextInt64"/> from the same bits; training's batch order and hard-negative picks were
    /// fixed with this mapping, so they keep it and a seed still gives the batches it always gave.
    /// </summary>
    public int NextIntByRemainder(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var bound = (ulong)maxExclusive;
        var limit = ulong.MaxValue - (ulong.MaxValue % bound);
        ulong x;
        do
        {
            x = NextUInt64();
        }
        while (x >= limit);
        return (int)(x % bound);
    }

    /// <summary>
    /// Fisher-Yates shuffle in place, drawing each swap with <see cref="NextIntByRemainder"/> (the
    /// mapping training's batch order was fixed with; splits use <see cref="NextInt64"/> instead).
    /// </summary>
    public void ShuffleByRemainder<T>(IList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextIntByRemainder(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
