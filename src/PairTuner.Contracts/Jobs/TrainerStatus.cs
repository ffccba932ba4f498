namespace PairTuner.Contracts.Jobs;

/// <summary>
/// <c>runs/{id}/status.json</c>: the trainer's heartbeat, rewritten every few seconds. The
/// workflow's monitor reads it to publish progress and to notice a trainer that stopped beating.
/// </summary>
public sealed record TrainerStatus
{
    public required string RunId { get; init; }
    public required TrainerStage Stage { get; init; }
    public int Epoch { get; init; }
    public int Epochs { get; init; }
    public long Step { get; init; }
    public long TotalSteps { get; init; }
    public double? Loss { get; init; }
    public double? PairsPerSecond { get; init; }
    public double? EtaSeconds { get; init; }

    /// <summary>The metric the best evaluation is chosen by, e.g. <c>cosine_ndcg@10</c>.</summary>
    public string? SelectionMetric { get; init; }

    /// <summary>Evaluations so far (the base model's and the newest, see <see cref="EvaluationMark.Recent"/>).</summary>
    public IReadOnlyList<EvaluationMark>? Evaluations { get; init; }

    /// <summary>The step of the best evaluation so far (0: the base model); its weights are the ones published.</summary>
    public long? BestStep { get; init; }

    /// <summary>How many times this run's trainer has started (1 for the first launch).</summary>
    public int Attempt { get; init; } = 1;

    public string? Message { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
