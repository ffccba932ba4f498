using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using PairTuner.Cli.Hosting;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>
/// <c>pairtuner serve</c> as a person starts it: the built CLI as its own process, with no
/// PAIRTUNER_STORAGE so it starts its own Azurite in <c>{state}/azurite</c>, signalled from outside.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private readonly Process _process;
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>The HTTP API's base, <c>http://127.0.0.1:{port}/api</c>, once serve is up.</summary>
    public Uri Api { get; private set; } = null!;

    public StorageSettings Storage { get; private set; } = null!;

    /// <summary>Starts serve; <paramref name="waitUntilServing"/> false returns at once (a start expected to be refused).</summary>
    public static async Task<ServeProcess> StartAsync(string state, bool waitUntilServing = true)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = "dotnet";
        }

        foreach (var argument in new[] { typeof(LocalSession).Assembly.Location, "serve", "--state", state, "--port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--watch-seconds", "0.5" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove(StorageSettings.Variable);
        start.Environment["OMP_NUM_THREADS"] = "1";
        var serve = new ServeProcess(Process.Start(start)!);
        serve._process.OutputDataReceived += (_, _) => { };
        serve._process.ErrorDataReceived += (_, e) => serve.OnError(e.Data);
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        if (waitUntilServing)
        {
            var text = await serve._ready.Task.WaitAsync(Patience);
            serve.Storage = StorageSettings.ForAzurite(int.Parse(AzuritePort().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            serve.Api = new Uri(ApiLine().Match(text).Groups[1].Value + "/");
        }

        return serve;
    }

    /// <summary>Sends a POSIX signal (<c>TERM</c>, <c>KILL</c>) the way a person or a supervisor does.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Patience);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A failed test must not leave serve running: SIGTERM lets it stop its Azurite and trainers.
            await SignalAsync("TERM");
            if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    public static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The trainer serve (or run) runs now, from the list it keeps in <c>{state}/trainers</c>.</summary>
    public static async Task<int> RunningTrainerAsync(string state)
    {
        var folder = Path.Combine(state, "trainers");
        using var wait = new CancellationTokenSource(Patience);
        while (true)
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
            {
                var pid = int.Parse(Path.GetFileName(file).Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
                if (ServeProcess.IsRunning(pid))
                {
                    return pid;
                }
            }

            await Task.Delay(200, wait.Token);
        }
    }

    /// <summary>The Azurite processes whose data folder is <paramref name="dataFolder"/> (Linux: from /proc).</summary>
    public static List<int> AzuritesOn(string dataFolder)
    {
        var marker = "--location\0" + Path.GetFullPath(dataFolder) + "\0";
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours.
            }
        }

        return found;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }

        string text;
        lock (_error)
        {
            text = _error.AppendLine(line).ToString();
        }

        if (line.Contains("HTTP API:", StringComparison.Ordinal))
        {
            _ready.TrySetResult(text);
        }
    }

    [GeneratedRegex(@"Azurite on 127\.0\.0\.1:(\d+)")]
    private static partial Regex AzuritePort();

    [GeneratedRegex(@"HTTP API: (\S+)/runs")]
    private static partial Regex ApiLine();
}
