using Microsoft.Extensions.Logging;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Launchers.Process;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Hosting;

/// <summary>Where a local session keeps its state and how it starts trainers.</summary>
public sealed record LocalSessionOptions
{
    /// <summary>Storage to use; null reads <c>PAIRTUNER_STORAGE</c> and starts Azurite when it is unset.</summary>
    public StorageSettings? Storage { get; init; }

    /// <summary>The local folder for Azurite's data and the trainers' logs (<c>.pairtuner</c> in the current folder).</summary>
    public string StateFolder { get; init; } = ".pairtuner";

    /// <summary>How to start a trainer; null runs this same program's <c>train --job</c>.</summary>
    public ProcessTrainerOptions? Trainer { get; init; }

    public string TaskHubName { get; init; } = "PairTuner";

    /// <summary>A launcher to use instead of child processes (the workflow benchmark's, which trains nothing).</summary>
    public ITrainerLauncher? Launcher { get; init; }

    /// <summary>Where the task hub (storage provider, gRPC server, worker) logs; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
