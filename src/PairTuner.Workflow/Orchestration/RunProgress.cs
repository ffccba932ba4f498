using PairTuner.Contracts.Jobs;

namespace PairTuner.Workflow.Orchestration;

/// <summary>
/// The orchestration's custom status (<c>SetCustomStatus</c>): what <c>GET /runs/{id}</c> and
/// <c>pairtuner run</c>'s progress line show. Small on purpose: it is rewritten on every poll.
/// </summary>
public sealed record RunProgress
{
    public required RunStage Stage { get; init; }

    /// <summary>Shards written by Ingest (0 until it finished).</summary>
    public int Shards { get; init; }

    /// <summary>Shards scored and split so far.</summary>
    public int ShardsDone { get; init; }

    /// <summary>Usable pairs found by Ingest.</summary>
    public long Pairs { get; init; }

    /// <summary>What the trainer says it is doing, from <c>status.json</c>.</summary>
    public TrainerStage? TrainerStage { get; init; }

    /// <summary>1 for the first trainer launch, one more per relaunch after it died.</summary>
    public int TrainerAttempt { get; init; }

    public int Epoch { get; init; }
    public int Epochs { get; init; }
    public long Step { get; init; }
    public long TotalSteps { get; init; }
    public double? Loss { get; init; }
    public double? PairsPerSecond { get; init; }
    public double? EtaSeconds { get; init; }

    /// <summary>The metric the trainer keeps its best evaluation by.</summary>
    public string? SelectionMetric { get; init; }

    /// <summary>The trainer's evaluations so far (base model at step 0, then the newest), from <c>status.json</c>.</summary>
    public IReadOnlyList<EvaluationMark>? Evaluations { get; init; }

    /// <summary>The step of the best evaluation so far; 0 is the base model.</summary>
    public long? BestStep { get; init; }

    /// <summary>A line for people: why it failed, what the trainer said last.</summary>
    public string? Message { get; init; }

    /// <summary>When this progress was published (orchestration time, so replay-safe).</summary>
    public DateTime UpdatedAt { get; init; }
}
