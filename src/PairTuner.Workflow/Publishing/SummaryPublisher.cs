using System.Text.Json;
using PairTuner.Contracts.Runs;
using PairTuner.Contracts.Storage;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Workflow.Publishing;

/// <summary>Writes <c>runs/{id}/summary.json</c>, adding the base-vs-tuned metrics found in <c>eval.json</c> and naming the ONNX model only when there is one.</summary>
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
                summary = summary with
                {
                    Metrics = EvalMetrics.Compare(report),
                    Verdict = EvalMetrics.Verdict(report),
                    Recipe = EvalMetrics.Recipe(report),
                };
            }

            // The trainer writes onnx/model.onnx only for models shaped like all-MiniLM-L6-v2.
            if (summary.Onnx is { } onnx && !await store.ExistsAsync(onnx, cancellationToken).ConfigureAwait(false))
            {
                summary = summary with { Onnx = null };
            }
        }

        await store.WriteJsonAsync(paths.Summary, summary, cancellationToken).ConfigureAwait(false);
        return summary;
    }
}
