using PairTuner.Contracts.Jobs;
using PairTuner.Workflow.Launchers;

namespace PairTuner.Workflow.Activities;

/// <summary>What the monitor learns on one poll: the launcher's view and the trainer's own heartbeat (null before the first).</summary>
public sealed record TrainerCheck(TrainerExecutionState State, TrainerStatus? Status);
