namespace PairTuner.Workflow.Orchestration;

/// <param name="Reason">Why the trainer is taken for dead, for the progress line and error.json.</param>
/// <param name="StopFirst">The process may still be alive (hung, or reported failure): stop it before relaunching.</param>
public sealed record TrainerVerdict(TrainerOutcome Outcome, string? Reason = null, bool StopFirst = false);
