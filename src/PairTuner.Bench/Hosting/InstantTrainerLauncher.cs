using System.Collections.Concurrent;
using PairTuner.Workflow.Launchers;

namespace PairTuner.Bench.Hosting;

/// <summary>
/// The workflow benchmark's launcher: notes when the orchestration launched the trainer and
/// reports it finished at once, so the benchmark times ingest and fan-out, not training.
/// </summary>
public sealed class InstantTrainerLauncher : ITrainerLauncher
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DateTimeOffset>> _launched = new(StringComparer.Ordinal);

    /// <summary>Completes with the time the run's trainer was launched.</summary>
    public Task<DateTimeOffset> LaunchedAsync(string runId) => Launched(runId).Task;

    public Task<TrainerExecution> LaunchAsync(TrainerLaunchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Launched(request.RunId).TrySetResult(DateTimeOffset.UtcNow);
        return Task.FromResult(new TrainerExecution("instant", request.RunId, request.Attempt));
    }

    public Task<TrainerExecutionState> GetStateAsync(TrainerExecution execution, CancellationToken cancellationToken = default)
        => Task.FromResult(new TrainerExecutionState(TrainerExecutionStatus.Succeeded, ExitCode: 0));

    public Task StopAsync(TrainerExecution execution, CancellationToken cancellationToken = default) => Task.CompletedTask;

    private TaskCompletionSource<DateTimeOffset> Launched(string runId)
        => _launched.GetOrAdd(runId, _ => new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously));
}
