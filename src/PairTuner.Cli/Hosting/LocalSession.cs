using Azure;
using PairTuner.Workflow.Launchers.Process;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// Everything <c>pairtuner run</c>, <c>serve</c> and <c>pairtuner-bench workflow</c> stand on: the storage
/// (the configured one, or an Azurite of its own), the trainer launcher, and the local task hub.
/// Disposing stops them in reverse order, trainers included.
/// </summary>
public sealed class LocalSession : IAsyncDisposable
{
    private LocalSession(AzuriteServer? azurite, ProcessTrainerLauncher? launcher, LocalTaskHub hub, StorageSettings storage, int leftoverTrainersStopped)
    {
        LeftoverTrainersStopped = leftoverTrainersStopped;
        Azurite = azurite;
        Launcher = launcher;
        Hub = hub;
        Storage = storage;
    }

    /// <summary>The Azurite this session started, or null when it uses PAIRTUNER_STORAGE's storage.</summary>
    public AzuriteServer? Azurite { get; }

    /// <summary>The child-process launcher; null when the options brought their own.</summary>
    public ProcessTrainerLauncher? Launcher { get; }

    public LocalTaskHub Hub { get; }

    public StorageSettings Storage { get; }

    /// <summary>Trainers that a killed host on the same state folder left running and this start stopped.</summary>
    public int LeftoverTrainersStopped { get; }

    /// <summary>What this start found and cleaned up after a host that died without stopping (SIGKILL), for the console; null when nothing.</summary>
    public string? Leftovers => (Azurite?.LeftoverStopped, LeftoverTrainersStopped) switch
    {
        (null, 0) => null,
        (var azurite, var trainers) => "Cleaned up after a pairtuner that was killed: " + string.Join(" and ", new[]
        {
            azurite is { } pid ? $"stopped its Azurite (process {pid})" : null,
            trainers > 0 ? $"stopped {trainers} trainer(s) (their runs resume)" : null,
        }.OfType<string>()) + ".",
    };

    public static async Task<LocalSession> StartAsync(LocalSessionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        AzuriteServer? azurite = null;
        var storage = options.Storage ?? StorageSettings.FromEnvironment();
        if (options.Storage is null && storage.IsDefault)
        {
            azurite = await AzuriteServer.StartAsync(
                Path.Combine(options.StateFolder, "azurite"),
                [Environment.CurrentDirectory, AppContext.BaseDirectory],
                cancellationToken).ConfigureAwait(false);
            storage = azurite.Settings;
        }

        ProcessTrainerLauncher? launcher = null;
        var pidDirectory = Path.Combine(options.StateFolder, "trainers");
        var leftoverTrainers = 0;
        try
        {
            await CheckReachableAsync(storage, cancellationToken).ConfigureAwait(false);
            if (azurite is not null)
            {
                // Holding the data folder's lock means no live host uses these trainers, and the Azurite
                // they wrote to is gone: stop them before the task hub looks, so their runs relaunch.
                leftoverTrainers = ProcessTrainerLauncher.StopLeftovers(pidDirectory);
            }

            if (options.Launcher is null)
            {
                var trainer = options.Trainer ?? ProcessTrainerOptions.ForCurrentProcess();
                launcher = new ProcessTrainerLauncher(trainer with
                {
                    // The trainer reads the job and writes its heartbeat through the same storage.
                    Environment = new Dictionary<string, string>(trainer.Environment) { [StorageSettings.Variable] = storage.ConnectionString },
                    LogDirectory = trainer.LogDirectory ?? Path.Combine(options.StateFolder, "logs"),
                    PidDirectory = azurite is null ? trainer.PidDirectory : pidDirectory,
                });
            }

            var hub = await LocalTaskHub.StartAsync(
                new LocalTaskHubOptions { Storage = storage, Launcher = options.Launcher ?? launcher!, TaskHubName = options.TaskHubName },
                options.LoggerFactory,
                cancellationToken).ConfigureAwait(false);
            return new LocalSession(azurite, launcher, hub, storage, leftoverTrainers);
        }
        catch
        {
            launcher?.Dispose();
            if (azurite is not null)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Hub.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            Launcher?.Dispose();
            if (Azurite is not null)
            {
                await Azurite.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Fails fast, naming the setting, when nothing answers at the configured storage.</summary>
    private static async Task CheckReachableAsync(StorageSettings storage, CancellationToken cancellationToken)
    {
        var store = BlobArtifactStore.FromSettings(storage);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await store.Service.GetPropertiesAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or AggregateException or HttpRequestException)
        {
            throw new InvalidOperationException(
                $"No storage answers at {storage} ({e.GetType().Name}: {e.Message.Split('\n')[0]}). " +
                $"Start Azurite, or set {StorageSettings.Variable} to a reachable storage connection string (unset it and `pairtuner run` starts Azurite itself).",
                e);
        }
    }
}
