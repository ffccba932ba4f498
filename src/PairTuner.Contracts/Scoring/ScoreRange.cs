namespace PairTuner.Contracts.Scoring;

/// <summary>The scale a file's scores are on; scores are rescaled into [0, 1] while ingesting.</summary>
public enum ScoreRange
{
    /// <summary>Already in [0, 1] (MRPC's 0/1 labels too); kept as written.</summary>
    Unit,

    /// <summary>0 to 5, like STS-B: score / 5.</summary>
    ZeroToFive,

    /// <summary>1 to 5, like SICK-R: (score - 1) / 4.</summary>
    OneToFive,
}
