namespace PairTuner.Workflow.Orchestration;

public enum TrainerOutcome
{
    Running,
    Succeeded,
    Died,
}
