using PairTuner.Contracts.Runs;
using PairTuner.Contracts.Storage;
using PairTuner.Workflow.Activities;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Workflow.Publishing;

/// <summary>Writes <c>runs/{id}/error.json</c>.</summary>
public sealed class FailureRecorder(IArtifactStore store)
{
    public Task RecordAsync(RunError error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        return store.WriteJsonAsync(new RunPaths(error.RunId).Error, error, cancellationToken);
    }
}
