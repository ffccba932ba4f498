using PairTuner.Contracts.Options;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Activities;

public sealed record IngestInput(string RunId, string Input, RunOptions Options);
