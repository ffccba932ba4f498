using Microsoft.DurableTask;
using PairTuner.Workflow.Ingestion;

namespace PairTuner.Workflow.Activities;

/// <summary>Labels one shard and splits it into train and eval.</summary>
[DurableTask(Name)]
public sealed class ScoreAndSplitActivity(RunIngestion ingestion) : TaskActivity<ShardInput, ShardOutcome>
{
    public const string Name = "ScoreAndSplit";

    public override Task<ShardOutcome> RunAsync(TaskActivityContext context, ShardInput input)
        => ingestion.ScoreAndSplitAsync(input);
}
