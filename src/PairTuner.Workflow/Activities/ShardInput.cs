using PairTuner.Contracts.Options;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Activities;

public sealed record ShardInput(string RunId, int ShardIndex, string Shard, RunOptions Options);
