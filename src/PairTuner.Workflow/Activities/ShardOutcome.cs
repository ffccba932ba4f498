namespace PairTuner.Workflow.Activities;

/// <param name="Train">Artifact path of the shard's train split.</param>
/// <param name="Eval">Artifact path of the shard's eval split.</param>
/// <param name="LabelsSynthetic">True when any label came from the formula rather than the file.</param>
public sealed record ShardOutcome(int ShardIndex, string Train, string Eval, long TrainPairs, long EvalPairs, bool LabelsSynthetic);
