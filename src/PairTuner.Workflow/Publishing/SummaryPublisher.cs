using System.Text.Json;
using PairTuner.Core.Storage;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Workflow.Publishing;

/// <summary>Writes <c>runs/{id}/summary.json</c>, adding the base-vs-tuned metrics found in <c>eval.json</c>.</summary>
public sealed class SummaryPublisher(IArtifactStore store)
{
    public async Task<RunSummary> PublishAsync(RunSummary summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var paths = new RunPaths(summary.RunId);
        if (summary.Status == RunStage.Completed)
        {
            var eval = await store.ReadJsonAsync<JsonElement?>(paths.EvalReport, cancellationToken).ConfigureAwait(false);
            if (eval is { } report)
            {
                summary = summary with { Metrics = EvalMetrics.Compare(report) };
            }
        }

        await store.WriteJsonAsync(paths.Summary, summary, cancellationToken).ConfigureAwait(false);
        return summary;
    }
}
