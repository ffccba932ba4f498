namespace PairTuner.Training.Batching;

/// <summary>
/// PairTuner's own pseudo-random generator (SplitMix64): the same seed gives the same sequence on
/// every platform and .NET version, which <see cref="Random"/> does not promise. Shuffles and splits
/// use it so a run is reproducible from its seed alone.
/// </summary>
public sealed class SeededRandom
{
    private ulong _state;

    public SeededRandom(long seed)
    {
        _state = unchecked((ulong)seed);
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform in <c>[0, maxExclusive)</c>, without modulo bias (rejection sampling).</summary>
    public int NextInt(int maxExclusive)
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

    /// <summary>Uniform in <c>[0, 1)</c> with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
