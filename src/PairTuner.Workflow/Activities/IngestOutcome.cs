namespace PairTuner.Workflow.Activities;

/// <param name="Shards">Artifact paths of the normalized shards, in order.</param>
/// <param name="Pairs">Usable pairs.</param>
/// <param name="RejectedRows">Rows that failed validation (listed in validation.json).</param>
/// <param name="Error">Set when the file cannot be trained on: the run fails with this message.</param>
public sealed record IngestOutcome(IReadOnlyList<string> Shards, long Pairs, long RejectedRows, string? Error);
