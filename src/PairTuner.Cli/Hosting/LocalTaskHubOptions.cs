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
}
