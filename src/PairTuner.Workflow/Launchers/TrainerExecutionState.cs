namespace PairTuner.Workflow.Launchers;

public enum TrainerExecutionStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Stopped,
    Unknown,
}

/// <summary>What the launcher knows about an execution; <see cref="Message"/> says why it failed, in words a user can act on.</summary>
public sealed record TrainerExecutionState(TrainerExecutionStatus Status, string? Message = null, int? ExitCode = null);
