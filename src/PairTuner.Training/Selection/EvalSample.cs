using PairTuner.Contracts.Randomness;
using PairTuner.Core.Pairs;

namespace PairTuner.Training.Selection;

/// <summary>
/// The eval pairs that evaluations during training use: all of them up to a limit, above it a
/// seeded sample of that many (file order kept), the same at every evaluation and on every resume,
/// so the selection compares like with like.
/// </summary>
public static class EvalSample
{
    public static IReadOnlyList<Pair> Select(IReadOnlyList<Pair> pairs, int maxPairs, int seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPairs, 1);
        if (pairs.Count <= maxPairs)
        {
            return pairs;
        }

        // A partial Fisher-Yates shuffle of the indices picks maxPairs of them uniformly.
        var random = new SeededRandom(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0xE7A1UL));
        var indices = Enumerable.Range(0, pairs.Count).ToArray();
        for (var i = 0; i < maxPairs; i++)
        {
            var j = i + (int)random.NextInt64(indices.Length - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return indices.Take(maxPairs).Order().Select(i => pairs[i]).ToArray();
    }
}
