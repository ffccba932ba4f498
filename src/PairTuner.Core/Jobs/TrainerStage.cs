namespace PairTuner.Core.Jobs;

public enum TrainerStage
{
    Starting,
    Loading,
    EvaluatingBase,
    Training,
    EvaluatingTuned,
    Saving,
    Completed,
    Failed,
}
