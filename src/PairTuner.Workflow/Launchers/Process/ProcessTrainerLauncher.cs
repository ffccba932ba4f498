using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace PairTuner.Workflow.Launchers.Process;

/// <summary>
/// Runs the trainer as a child process <c>pairtuner train --job runs/{id}/job.json --attempt N</c>, with its
/// output in a log file per attempt. Stop kills the whole process tree; disposing the launcher
/// stops every trainer it started, so a stopped host leaves no orphan training behind (the
/// orchestration relaunches with resume when the host comes back).
/// </summary>
public sealed class ProcessTrainerLauncher : ITrainerLauncher, IDisposable
{
    public const string LauncherName = "process";

    private readonly ProcessTrainerOptions _options;
    private readonly ConcurrentDictionary<string, Child> _children = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _latestByRun = new(StringComparer.Ordinal);
    private readonly string _logDirectory;

    public ProcessTrainerLauncher(ProcessTrainerOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logDirectory = Path.GetFullPath(options.LogDirectory ?? Path.Combine(Path.GetTempPath(), "pairtuner-trainer-logs"));
    }

    /// <summary>The process id of the newest trainer this launcher started for a run, while it runs (for tests and diagnostics).</summary>
    public int? RunningProcessId(string runId)
        => _latestByRun.TryGetValue(runId, out var id) && _children.TryGetValue(id, out var child) && !child.Process.HasExited
            ? child.Process.Id
            : null;

    /// <summary>The log file of an execution (stdout and stderr of that attempt).</summary>
    public string LogPath(string runId, int attempt) => Path.Combine(_logDirectory, $"{runId}-{attempt}.log");

    public async Task<TrainerExecution> LaunchAsync(TrainerLaunchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // An activity retried after a crash may launch twice: one trainer per run, the newest wins.
        if (_latestByRun.TryGetValue(request.RunId, out var previous) && _children.TryGetValue(previous, out var old) && !old.Process.HasExited)
        {
            await StopChildAsync(old).ConfigureAwait(false);
        }

        Directory.CreateDirectory(_logDirectory);
        var logPath = LogPath(request.RunId, request.Attempt);
        var start = new ProcessStartInfo(_options.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = _options.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in _options.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("train");
        start.ArgumentList.Add("--job");
        start.ArgumentList.Add(request.JobPath);
        start.ArgumentList.Add("--attempt");
        start.ArgumentList.Add(request.Attempt.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in _options.Environment)
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new System.Diagnostics.Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException($"Could not start the trainer '{_options.FileName}'.");
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            await log.DisposeAsync().ConfigureAwait(false);
            process.Dispose();
            throw new InvalidOperationException(
                $"Could not start the trainer '{_options.FileName}' ({e.Message}). Build the CLI (dotnet build src/PairTuner.Cli) or point the launcher at a pairtuner executable.", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var id = string.Create(CultureInfo.InvariantCulture, $"{process.Id}-{process.StartTime.ToUniversalTime().Ticks}");
        _children[id] = new Child(process, log, logPath);
        _latestByRun[request.RunId] = id;
        if (_options.PidDirectory is { } pids)
        {
            Directory.CreateDirectory(pids);
            await File.WriteAllTextAsync(Path.Combine(pids, id), request.RunId, cancellationToken).ConfigureAwait(false);
        }

        return new TrainerExecution(LauncherName, id, request.Attempt);
    }

    public Task<TrainerExecutionState> GetStateAsync(TrainerExecution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (!_children.TryGetValue(execution.ExecutionId, out var child))
        {
            // Started by an earlier host process: alive or not is all that can be known.
            return Task.FromResult(FindOrphan(execution.ExecutionId) is { } orphan
                ? Disposed(orphan, new TrainerExecutionState(TrainerExecutionStatus.Running, "started by an earlier host"))
                : new TrainerExecutionState(TrainerExecutionStatus.Unknown, "This host did not start that trainer (the host restarted) and it is no longer running."));
        }

        if (!child.Process.HasExited)
        {
            return Task.FromResult(new TrainerExecutionState(TrainerExecutionStatus.Running));
        }

        child.Process.WaitForExit(); // drains the output pumps into the log
        var code = child.Process.ExitCode;
        if (child.Stopped)
        {
            return Task.FromResult(new TrainerExecutionState(TrainerExecutionStatus.Stopped, "stopped by the run", code));
        }

        return Task.FromResult(code == 0
            ? new TrainerExecutionState(TrainerExecutionStatus.Succeeded, ExitCode: 0)
            : new TrainerExecutionState(TrainerExecutionStatus.Failed, Describe(code, child.LogPath), code));
    }

    public async Task StopAsync(TrainerExecution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (_children.TryGetValue(execution.ExecutionId, out var child))
        {
            await StopChildAsync(child).ConfigureAwait(false);
        }
        else if (FindOrphan(execution.ExecutionId) is { } orphan)
        {
            using (orphan)
            {
                orphan.Kill(entireProcessTree: true);
                await orphan.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        foreach (var child in _children.Values)
        {
            if (!child.Process.HasExited)
            {
                child.Stopped = true;
                TryKill(child.Process);
                child.Process.WaitForExit(10_000);
            }

            child.Process.Dispose();
            child.Log.Dispose();
        }

        if (_options.PidDirectory is { } pids)
        {
            foreach (var id in _children.Keys)
            {
                File.Delete(Path.Combine(pids, id));
            }
        }

        _children.Clear();
    }

    /// <summary>
    /// Stops the trainers that a host killed before it could stop them left running (listed in
    /// <paramref name="pidDirectory"/> by <see cref="ProcessTrainerOptions.PidDirectory"/>) and
    /// clears the list; returns how many were still running. Call it only when their storage is
    /// gone with that host (a local Azurite), before the task hub starts: their runs then find them
    /// gone and relaunch them with resume, as after Ctrl+C.
    /// </summary>
    public static int StopLeftovers(string pidDirectory)
    {
        ArgumentNullException.ThrowIfNull(pidDirectory);
        if (!Directory.Exists(pidDirectory))
        {
            return 0;
        }

        var stopped = 0;
        foreach (var file in Directory.GetFiles(pidDirectory))
        {
            if (FindOrphan(Path.GetFileName(file)) is { } orphan)
            {
                using (orphan)
                {
                    TryKill(orphan);
                    orphan.WaitForExit(TimeSpan.FromSeconds(30));
                    stopped++;
                }
            }

            File.Delete(file);
        }

        return stopped;
    }

    private static async Task StopChildAsync(Child child)
    {
        child.Stopped = true;
        if (!child.Process.HasExited)
        {
            TryKill(child.Process);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await child.Process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
    }

    private static void TryKill(System.Diagnostics.Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }

    private static TrainerExecutionState Disposed(System.Diagnostics.Process d, TrainerExecutionState state)
    {
        d.Dispose();
        return state;
    }

    /// <summary>
    /// The process an execution id names, if it is still the same process (pid and start time within a
    /// second: each process derives start times from its own reading of the boot time, so they differ by milliseconds).
    /// </summary>
    private static System.Diagnostics.Process? FindOrphan(string executionId)
    {
        var parts = executionId.Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return null;
        }

        try
        {
            var process = System.Diagnostics.Process.GetProcessById(pid);
            if (!process.HasExited && Math.Abs(process.StartTime.ToUniversalTime().Ticks - ticks) < TimeSpan.TicksPerSecond)
            {
                return process;
            }

            process.Dispose();
        }
        catch (ArgumentException)
        {
            // No such process.
        }
        catch (InvalidOperationException)
        {
            // It exited while we looked.
        }

        return null;
    }

    private static void Append(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives while the host shuts down.
            }
        }
    }

    private static string Describe(int exitCode, string logPath)
    {
        var tail = ReadTail(logPath, 3);
        var killed = exitCode is 137 or -9 ? " (killed: out of memory, or by someone)" : string.Empty;
        return tail.Length == 0
            ? $"The trainer exited with code {exitCode}{killed}; its log is {logPath}"
            : $"The trainer exited with code {exitCode}{killed}: {tail} (log: {logPath})";
    }

    private static string ReadTail(string path, int lines)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return string.Join(" | ", all.TakeLast(lines));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private sealed class Child(System.Diagnostics.Process process, StreamWriter log, string logPath)
    {
        public System.Diagnostics.Process Process { get; } = process;
        public StreamWriter Log { get; } = log;
        public string LogPath { get; } = logPath;
        public volatile bool Stopped;
    }
}
