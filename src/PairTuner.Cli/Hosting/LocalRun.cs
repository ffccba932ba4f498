using Microsoft.DurableTask.Client;
using PairTuner.Contracts.Options;
using PairTuner.Contracts.Runs;
using PairTuner.Workflow.Activities;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// <c>pairtuner run</c>'s work on a started <see cref="LocalTaskHub"/>: upload a pairs file to
/// <c>pairs/</c>, start its run (id from blob name + ETag, as any upload), follow the progress,
/// and return how it ended. Cancelling the token cancels the run (and stops its trainer).
/// </summary>
public sealed class LocalRun(LocalTaskHub hub)
{
    /// <summary>How often the orchestration's status is read (the server's own wait checks only every 2 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <param name="file">The local pairs file.</param>
    /// <param name="blobName">Name in <c>pairs/</c>; the file's name when null.</param>
    /// <param name="configure">Options from the command line (highest priority, over blob metadata and app settings).</param>
    /// <param name="onStarted">Told the run id and whether it was new (the same upload seen again is not).</param>
    /// <param name="onProgress">Told every change of the run's progress.</param>
    public async Task<LocalRunResult> RunAsync(
        string file,
        string? blobName,
        Action<RunOptionsBuilder>? configure,
        Action<RunStart>? onStarted,
        Action<RunProgress>? onProgress,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"The pairs file '{file}' does not exist.", file);
        }

        var name = blobName ?? Path.GetFileName(file);
        if (BlobNames.Problem(name) is { } problem)
        {
            throw new ArgumentException($"'{name}' cannot be a pairs blob name: {problem}. Pass another with --name.", nameof(blobName));
        }

        await using (var content = File.OpenRead(file))
        {
            await hub.Store.WriteAsync($"{BlobNames.PairsContainer}/{name}", content, cancellationToken).ConfigureAwait(false);
        }

        var starter = new PairsRunStarter(hub.Client, hub.Store.Service);
        var start = await starter.StartFromBlobAsync(name, configure, runId: null, cancellationToken).ConfigureAwait(false);
        onStarted?.Invoke(start);
        return await FollowAsync(start.RunId, start.Input, onProgress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls a run until it ends; on cancellation asks it to cancel and waits for that.</summary>
    public async Task<LocalRunResult> FollowAsync(string runId, string input, Action<RunProgress>? onProgress, CancellationToken cancellationToken = default)
    {
        string? lastStatus = null;
        var cancelling = false;
        while (true)
        {
            var instance = await hub.Client.GetInstanceAsync(runId, getInputsAndOutputs: true, CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run {runId} disappeared from the task hub.");
            if (instance.SerializedCustomStatus is { } status && status != lastStatus)
            {
                lastStatus = status;
                if (instance.ReadCustomStatusAs<RunProgress>() is { } progress)
                {
                    onProgress?.Invoke(progress);
                }
            }

            if (instance.IsCompleted)
            {
                var summary = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<RunSummary>() : null;
                var failure = instance.RuntimeStatus switch
                {
                    OrchestrationRuntimeStatus.Failed => instance.FailureDetails?.ErrorMessage ?? await ReadErrorAsync(runId).ConfigureAwait(false),
                    OrchestrationRuntimeStatus.Terminated => "The run was terminated.",
                    _ => null,
                };
                return new LocalRunResult(runId, input, instance.RuntimeStatus, summary, failure);
            }

            if (cancellationToken.IsCancellationRequested && !cancelling)
            {
                cancelling = true;
                await hub.Starter.CancelAsync(runId, CancellationToken.None).ConfigureAwait(false);
            }

            await Task.Delay(PollInterval, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The message of error.json: the Azure Storage provider does not always hand failure details to the gRPC client.</summary>
    private async Task<string> ReadErrorAsync(string runId)
    {
        var path = new RunPaths(runId).Error;
        var error = await hub.Store.ReadJsonAsync<RunError>(path).ConfigureAwait(false);
        return error?.Message ?? $"The run failed; see {path}.";
    }
}
