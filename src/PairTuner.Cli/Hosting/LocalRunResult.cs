using Microsoft.DurableTask.Client;
using PairTuner.Workflow.Orchestration;

namespace PairTuner.Cli.Hosting;

/// <param name="Status">The orchestration's final status.</param>
/// <param name="Summary">summary.json, when the run completed (or was cancelled).</param>
/// <param name="Failure">Why it failed, in the orchestration's words (also in error.json).</param>
public sealed record LocalRunResult(string RunId, string Input, OrchestrationRuntimeStatus Status, RunSummary? Summary, string? Failure)
{
    public bool Succeeded => Status == OrchestrationRuntimeStatus.Completed && Summary?.Status == RunStage.Completed;
}
