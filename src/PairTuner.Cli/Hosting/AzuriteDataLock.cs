using System.Diagnostics;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// One host per Azurite data folder: two Azurites on one folder are two writers on one store. The
/// host holds <c>pairtuner.lock</c> open exclusively while its Azurite runs; the operating system
/// lets go of it when the host dies however it dies (SIGKILL included), so a held lock always
/// means a live host, and a free lock with a record beside it means a host that died without
/// stopping its Azurite.
/// </summary>
internal sealed class AzuriteDataLock : IDisposable
{
    private const string LockName = "pairtuner.lock";
    private const string RecordName = "pairtuner-azurite.json";

    private readonly FileStream _lock;
    private readonly string _recordPath;

    private AzuriteDataLock(FileStream held, string recordPath)
    {
        _lock = held;
        _recordPath = recordPath;
    }

    /// <summary>Takes the folder, or throws <see cref="InvalidOperationException"/> naming the live host and Azurite that hold it.</summary>
    public static AzuriteDataLock Acquire(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        var recordPath = Path.Combine(dataFolder, RecordName);
        try
        {
            // FileShare.None is an exclusive flock on Unix and a share lock on Windows: either way another host cannot take it.
            var held = new FileStream(Path.Combine(dataFolder, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new AzuriteDataLock(held, recordPath);
        }
        catch (IOException)
        {
            throw new InvalidOperationException(InUse(Path.GetFullPath(dataFolder), AzuriteRecord.TryRead(recordPath)));
        }
    }

    /// <summary>
    /// Stops the Azurite a dead host left running on this folder (its ports die with that host's
    /// settings, so nothing else will use it), and returns its process id, or null when none was left.
    /// </summary>
    public async Task<int?> StopLeftoverAsync()
    {
        var record = AzuriteRecord.TryRead(_recordPath);
        int? stopped = null;
        if (record?.FindAzurite() is { } orphan)
        {
            using (orphan)
            {
                // Its data is intact while it runs: SIGTERM lets it save the lot before it goes.
                await GracefulStop.StopAsync(orphan, AzuriteServer.StopGrace).ConfigureAwait(false);
                stopped = record.AzuriteProcessId;
            }
        }

        File.Delete(_recordPath);
        return stopped;
    }

    public void Record(Process azurite, int[] ports)
        => new AzuriteRecord(Environment.ProcessId, azurite.Id, azurite.StartTime.ToUniversalTime().Ticks, ports[0], ports[1], ports[2]).Write(_recordPath);

    public void Dispose()
    {
        File.Delete(_recordPath);
        _lock.Dispose();
    }

    private static string InUse(string folder, AzuriteRecord? record) => record is null
        ? $"Another pairtuner holds {Path.Combine(folder, LockName)}: it is running an Azurite on that data folder, and a second one would make two writers on one store. " +
          "Stop it first, or give this command another --state folder."
        : $"Another pairtuner (process {record.HostProcessId}) is running an Azurite on {folder} (process {record.AzuriteProcessId}, 127.0.0.1:{record.BlobPort}); " +
          "a second Azurite on that data folder would make two writers on one store. " +
          $"Stop that pairtuner first (Ctrl+C, or kill {record.HostProcessId}), give this command another --state folder, or share its storage: " +
          $"{StorageSettings.Variable}=\"{StorageSettings.ForAzurite(record.BlobPort, record.QueuePort, record.TablePort).ConnectionString}\".";
}
