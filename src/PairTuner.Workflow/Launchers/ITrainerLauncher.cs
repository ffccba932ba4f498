namespace PairTuner.Workflow.Launchers;

/// <summary>
/// Starts, watches and stops the trainer for a run: a child process <c>pairtuner train --job</c>
/// locally, a Container Apps job execution in Azure. The orchestration only sees this contract.
/// </summary>
public interface ITrainerLauncher
{
    /// <summary>Starts a trainer for the job at <paramref name="request"/>'s job path and returns a handle to it.</summary>
    Task<TrainerExecution> LaunchAsync(TrainerLaunchRequest request, CancellationToken cancellationToken = default);

    Task<TrainerExecutionState> GetStateAsync(TrainerExecution execution, CancellationToken cancellationToken = default);

    Task StopAsync(TrainerExecution execution, CancellationToken cancellationToken = default);
}
