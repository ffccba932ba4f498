using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Orchestration;

/// <summary>
/// Starts and cancels runs through any <see cref="DurableTaskClient"/> (the Functions app's, the
/// local host's). The instance id is the run id, and a run id that already has an instance is not
/// started again: a blob event delivered twice, or a POST retried, still makes one run.
/// </summary>
public sealed class RunStarter(DurableTaskClient client)
{
    public async Task<RunStartResult> StartAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await ExistsAsync(request.RunId, cancellationToken).ConfigureAwait(false))
        {
            return new RunStartResult(request.RunId, Started: false);
        }

        return await ScheduleAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Schedules the run without asking first whether it exists: for a caller that has just made
    /// sure of that (<see cref="Runs.PairsRunStarter"/> holds the run id's claim), saving a round
    /// trip on the way from upload to training. A run that exists after all is still not started twice.
    /// </summary>
    public async Task<RunStartResult> ScheduleAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                new TaskName(RunOrchestration.Name),
                request,
                new StartOrchestrationOptions(InstanceId: request.RunId),
                cancellationToken).ConfigureAwait(false);
            return new RunStartResult(request.RunId, Started: true);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Two starters raced on one event and the other one won: the same outcome. Anything else is real.
            if (await ExistsAsync(request.RunId, cancellationToken).ConfigureAwait(false))
            {
                return new RunStartResult(request.RunId, Started: false);
            }

            throw;
        }
    }

    /// <summary>Asks a run to stop (it stops its trainer and completes as Cancelled).</summary>
    /// <returns>False when there is no such run or it has already finished.</returns>
    public async Task<bool> CancelAsync(string runId, CancellationToken cancellationToken = default)
    {
        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is null || instance.IsCompleted)
        {
            return false;
        }

        await client.RaiseEventAsync(runId, RunEvents.Cancel, "cancel", cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> ExistsAsync(string runId, CancellationToken cancellationToken)
        => await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null;
}
