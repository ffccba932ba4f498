namespace PairTuner.Contracts.Jobs;

public enum TrainerStage
{
    Starting,
    Loading,

    /// <summary>Mining hard negatives with the base model (hardNegatives = mine).</summary>
    MiningNegatives,

    EvaluatingBase,
    Training,
    EvaluatingTuned,
    Saving,
    Completed,
    Failed,
}
