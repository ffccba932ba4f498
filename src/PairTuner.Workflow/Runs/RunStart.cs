namespace PairTuner.Workflow.Runs;

/// <summary>What starting a run did.</summary>
/// <param name="RunId">The run's id (also the Durable instance id).</param>
/// <param name="Input">Artifact path of the pairs the run reads, e.g. <c>pairs/tickets.jsonl</c>.</param>
/// <param name="Outcome">Started, or why not.</param>
/// <param name="Message">For <see cref="RunStartOutcome.Rejected"/>: every bad value, in words.</param>
public sealed record RunStart(string RunId, string Input, RunStartOutcome Outcome, string? Message = null);
