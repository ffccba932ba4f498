using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Hosting;

/// <summary>What the local Durable host runs on: which storage, which task hub, which trainer.</summary>
public sealed record LocalTaskHubOptions
{
    public required StorageSettings Storage { get; init; }

    /// <summary>The trainer launcher the activities use (a child process locally).</summary>
    public required ITrainerLauncher Launcher { get; init; }

    /// <summary>Same name as host.json's hubName, so Core Tools and the local host share runs.</summary>
    public string TaskHubName { get; init; } = "PairTuner";

    /// <summary>How long an idle queue is left before it is polled again; 30 s (the default) makes resumed runs late.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a message taken by a worker stays invisible. A host that stops mid-activity leaves
    /// its message locked this long; the provider's 5-minute default stalls a restarted host that
    /// long, 30 s lets it pick the run up promptly (long activities renew their lock).
    /// </summary>
    public TimeSpan QueueVisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long starting waits for the hub to run a no-op orchestration (worker connected,
    /// partitions leased) before it returns anyway; zero does not wait. A host restarted after a
    /// crash may wait here until the dead host's partition leases expire.
    /// </summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
