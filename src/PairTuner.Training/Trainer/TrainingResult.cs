namespace PairTuner.Training.Trainer;

/// <summary>What a finished training loop reports.</summary>
public sealed record TrainingResult
{
    public required long Steps { get; init; }
    public required long TotalSteps { get; init; }

    /// <summary>The step a resumed run started from; 0 for a fresh run.</summary>
    public required long ResumedFromStep { get; init; }

    public required IReadOnlyList<TrainingProgress> Log { get; init; }

    public double? FinalLoss => Log.Count == 0 ? null : Log[^1].Loss;

    public required TimeSpan Elapsed { get; init; }
}
