using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Runs;
using PairTuner.Contracts.Storage;
using PairTuner.Workflow.Activities;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Workflow.Trainer;

/// <summary>One poll of a running trainer: the launcher's state plus the trainer's heartbeat in status.json.</summary>
public sealed class TrainerMonitor(IArtifactStore store, ITrainerLauncher launcher)
{
    public async Task<TrainerCheck> CheckAsync(CheckTrainerInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);

        // Launcher first: a trainer that exits between the two reads then still shows its final heartbeat.
        var state = await launcher.GetStateAsync(input.Execution, cancellationToken).ConfigureAwait(false);
        TrainerStatus? status;
        try
        {
            status = await store.ReadJsonAsync<TrainerStatus>(new RunPaths(input.RunId).Status, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            // A heartbeat caught mid-rewrite by a store without atomic writes; the next poll reads it whole.
            status = null;
        }

        return new TrainerCheck(state, status);
    }

    public Task StopAsync(TrainerExecution execution, CancellationToken cancellationToken = default)
        => launcher.StopAsync(execution, cancellationToken);
}
