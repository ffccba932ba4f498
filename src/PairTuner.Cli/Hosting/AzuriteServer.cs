using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// An Azurite (the local Azure Storage emulator from the repository's npm install) that a command
/// starts for itself when <c>PAIRTUNER_STORAGE</c> is unset: on free loopback ports, with its data
/// in a folder that outlives the process, stopped when disposed. One per data folder
/// (<see cref="AzuriteDataLock"/>): a second host on the folder is refused, and one that died
/// without stopping its Azurite has that Azurite stopped by the next.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>How long Azurite gets to save its data on SIGTERM before it is killed.</summary>
    internal static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly AzuriteDataLock _lock;

    private AzuriteServer(Process process, AzuriteDataLock held, int[] ports, string dataFolder, int? leftoverStopped)
    {
        _process = process;
        _lock = held;
        LeftoverStopped = leftoverStopped;
        BlobPort = ports[0];
        DataFolder = dataFolder;
        Settings = StorageSettings.ForAzurite(ports[0], ports[1], ports[2]);
    }

    public int BlobPort { get; }

    public string DataFolder { get; }

    public StorageSettings Settings { get; }

    /// <summary>The process id of an Azurite that a host which died left on this folder and this start stopped, if any.</summary>
    public int? LeftoverStopped { get; }

    /// <param name="dataFolder">Where Azurite keeps blobs, queues and tables (e.g. <c>.pairtuner/azurite</c>).</param>
    /// <param name="searchFrom">Folders to look in, and above, for <c>node_modules/.bin/azurite</c>.</param>
    public static async Task<AzuriteServer> StartAsync(string dataFolder, IEnumerable<string> searchFrom, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchFrom);
        var executable = Find(searchFrom) ?? throw new InvalidOperationException(
            "PAIRTUNER_STORAGE is unset and no Azurite was found (node_modules/.bin/azurite). Run `npm ci` in the repository, " +
            "or set PAIRTUNER_STORAGE to a storage connection string.");
        var held = AzuriteDataLock.Acquire(dataFolder);
        int? leftover;
        try
        {
            leftover = await held.StopLeftoverAsync().ConfigureAwait(false);
        }
        catch
        {
            held.Dispose();
            throw;
        }

        var ports = FreePorts(3);
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--silent", "--loose", "--skipApiVersionCheck", "--location", Path.GetFullPath(dataFolder),
            "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
            held.Record(process, ports);
        }
        catch
        {
            held.Dispose();
            throw;
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new AzuriteServer(process, held, ports, dataFolder, leftover);
        try
        {
            await server.WaitUntilListeningAsync(ports, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await GracefulStop.StopAsync(_process, StopGrace).ConfigureAwait(false);
            _process.Dispose();
        }
        finally
        {
            // Only once Azurite is gone: the next host may then take the folder.
            _lock.Dispose();
        }
    }

    /// <summary><c>node_modules/.bin/azurite</c> in or above any of the folders.</summary>
    public static string? Find(IEnumerable<string> searchFrom)
    {
        ArgumentNullException.ThrowIfNull(searchFrom);
        foreach (var start in searchFrom)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules", ".bin", "azurite");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private async Task WaitUntilListeningAsync(int[] ports, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before it listened (data folder {DataFolder}).");
            }

            if (await AllListeningAsync(ports, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{ports[0]}-{ports[2]} within 60 s.");
    }

    private static async Task<bool> AllListeningAsync(int[] ports, CancellationToken cancellationToken)
    {
        foreach (var port in ports)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
            listeners.ForEach(l => l.Dispose());
        }
    }
}
