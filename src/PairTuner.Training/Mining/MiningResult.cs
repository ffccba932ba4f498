using PairTuner.Core.Pairs;

namespace PairTuner.Training.Mining;

/// <summary>The training rows with their negatives, and what mining did.</summary>
public sealed record MiningResult(IReadOnlyList<Pair> Pairs, MiningSummary Summary);
