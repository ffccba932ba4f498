namespace PairTuner.Workflow.Activities;

/// <summary>
/// <c>runs/{id}/error.json</c>: why a run failed, in words a user can act on, and at which stage.
/// </summary>
public sealed record RunError
{
    public required string RunId { get; init; }
    public required string Input { get; init; }
    public required string Stage { get; init; }
    public required string Message { get; init; }

    /// <summary>Where to look next (validation.json, status.json, the trainer's log).</summary>
    public IReadOnlyList<string> SeeAlso { get; init; } = [];

    public DateTime FailedAt { get; init; }
}
