namespace PairTuner.Training.Reporting;

/// <summary>
/// One line of <c>training_log.jsonl</c>: the state after one optimizer step, or an evaluation
/// (<see cref="Evaluation"/> set, no loss), the way sentence-transformers' log history mixes both.
/// </summary>
public sealed record TrainingLogEntry
{
    /// <summary>Optimizer steps done so far, 1-based and counted across epochs.</summary>
    public required long Step { get; init; }

    /// <summary>0-based epoch the step belongs to.</summary>
    public required int Epoch { get; init; }

    /// <summary>The batch's loss (null on an evaluation line).</summary>
    public double? Loss { get; init; }

    /// <summary>The learning rate the step used, after warm-up/decay (null on an evaluation line).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Training throughput around this step.</summary>
    public double PairsPerSecond { get; init; }

    /// <summary>Seconds since training started.</summary>
    public double? ElapsedSeconds { get; init; }

    /// <summary>The evaluation this line records, when it is one.</summary>
    public TrainingEvaluation? Evaluation { get; init; }
}
