using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// An Azurite (the local Azure Storage emulator from the repository's npm install) that a command
/// starts for itself when <c>PAIRTUNER_STORAGE</c> is unset: on free loopback ports, with its data
/// in a folder that outlives the process, stopped when disposed.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private readonly Process _process;

    private AzuriteServer(Process process, int[] ports, string dataFolder)
    {
        _process = process;
        BlobPort = ports[0];
        DataFolder = dataFolder;
        Settings = StorageSettings.ForAzurite(ports[0], ports[1], ports[2]);
    }

    public int BlobPort { get; }

    public string DataFolder { get; }

    public StorageSettings Settings { get; }

    /// <param name="dataFolder">Where Azurite keeps blobs, queues and tables (e.g. <c>.pairtuner/azurite</c>).</param>
    /// <param name="searchFrom">Folders to look in, and above, for <c>node_modules/.bin/azurite</c>.</param>
    public static async Task<AzuriteServer> StartAsync(string dataFolder, IEnumerable<string> searchFrom, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchFrom);
        var executable = Find(searchFrom) ?? throw new InvalidOperationException(
            "PAIRTUNER_STORAGE is unset and no Azurite was found (node_modules/.bin/azurite). Run `npm ci` in the repository, " +
            "or set PAIRTUNER_STORAGE to a storage connection string.");
        Directory.CreateDirectory(dataFolder);
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

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new AzuriteServer(process, ports, dataFolder);
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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
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
