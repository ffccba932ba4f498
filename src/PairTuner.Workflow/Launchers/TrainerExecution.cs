namespace PairTuner.Workflow.Launchers;

/// <summary>A handle the orchestration keeps in its history: which launcher, and its own id for the execution.</summary>
public sealed record TrainerExecution(string Launcher, string ExecutionId, int Attempt);
