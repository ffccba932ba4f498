using PairTuner.Workflow.Launchers;

namespace PairTuner.Workflow.Activities;

public sealed record CheckTrainerInput(string RunId, TrainerExecution Execution);
