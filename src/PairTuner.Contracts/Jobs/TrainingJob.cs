namespace PairTuner.Contracts.Jobs;

/// <summary>
/// <c>runs/{id}/job.json</c>: everything the trainer (<c>pairtuner train --job</c>, the GPU
/// container) needs, written by the workflow's StartTraining. Every location is an artifact path
/// <c>container/name</c> resolved through an <see cref="Storage.IArtifactStore"/>; a path ending in
/// <c>/</c> is a prefix. The trainer finds the store from its environment (connection setting or
/// managed identity), never from this file: no secrets in blobs.
/// </summary>
public sealed record TrainingJob
{
    public required string RunId { get; init; }
    public required IReadOnlyList<string> Train { get; init; }
    public required IReadOnlyList<string> Eval { get; init; }

    /// <summary>Model folder prefix, e.g. <c>models/{id}/</c>.</summary>
    public required string OutputModel { get; init; }

    /// <summary>Checkpoint prefix, e.g. <c>runs/{id}/checkpoints/</c>.</summary>
    public required string Checkpoints { get; init; }

    /// <summary>Heartbeat, <c>runs/{id}/status.json</c>, a <see cref="TrainerStatus"/>.</summary>
    public required string Status { get; init; }

    /// <summary><c>runs/{id}/eval.json</c>.</summary>
    public required string EvalReport { get; init; }

    /// <summary><c>runs/{id}/report.html</c>.</summary>
    public required string ReportHtml { get; init; }

    /// <summary><c>runs/{id}/training_log.jsonl</c>: one line per step.</summary>
    public required string TrainingLog { get; init; }

    public TrainingOptions Options { get; init; } = new();

    /// <summary>True when the labels came from the formula, not from the user: the report says so.</summary>
    public bool LabelsSynthetic { get; init; }

    /// <summary>Continue from the newest complete checkpoint under <see cref="Checkpoints"/> when there is one.</summary>
    public bool Resume { get; init; }

    /// <summary>
    /// Which launch of this run's trainer reads this job (1 first, one more per relaunch). The
    /// trainer copies it into <see cref="TrainerStatus.Attempt"/>, so the monitor never mistakes
    /// an earlier attempt's last heartbeat for the current trainer's.
    /// </summary>
    public int Attempt { get; init; } = 1;
}
