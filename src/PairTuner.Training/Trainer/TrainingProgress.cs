namespace PairTuner.Training.Trainer;

/// <summary>
/// Reported after every optimizer step: what the CLI's progress bar, the job's status.json
/// heartbeat and training_log.jsonl show. <see cref="Epoch"/> is 1-based, <see cref="Step"/> counts
/// steps done.
/// </summary>
public sealed record TrainingProgress
{
    public required int Epoch { get; init; }
    public required int Epochs { get; init; }
    public required long Step { get; init; }
    public required long TotalSteps { get; init; }
    public required double Loss { get; init; }
    public required double LearningRate { get; init; }
    public required double GradNorm { get; init; }
    public required int BatchPairs { get; init; }

    /// <summary>Pairs per second since this process started training (a resumed run counts from its resume).</summary>
    public required double PairsPerSecond { get; init; }

    public required double EtaSeconds { get; init; }
    public required TimeSpan Elapsed { get; init; }
}
