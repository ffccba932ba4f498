namespace PairTuner.Contracts.Jobs;

/// <summary>How mined negatives are picked from the candidates that qualify (sentence-transformers' <c>sampling_strategy</c>).</summary>
public enum MineSampling
{
    /// <summary>The most similar qualifying candidates: the hardest negatives.</summary>
    Top,

    /// <summary>Qualifying candidates drawn uniformly at random (seeded by <c>seed</c>).</summary>
    Random,
}
