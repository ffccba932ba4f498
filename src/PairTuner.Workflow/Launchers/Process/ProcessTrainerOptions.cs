namespace PairTuner.Workflow.Launchers.Process;

/// <summary>
/// How to start <c>pairtuner train --job ...</c> as a child process: any executable, with any
/// leading arguments (tests run the built dll as <c>dotnet path/pairtuner.dll</c>).
/// </summary>
public sealed record ProcessTrainerOptions
{
    public required string FileName { get; init; }

    /// <summary>Arguments before <c>train --job {path}</c>, e.g. the dll for <c>dotnet</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Variables added to the trainer's environment (PAIRTUNER_STORAGE, so it finds the same store).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }

    /// <summary>Folder for each attempt's output, <c>{runId}-{attempt}.log</c>; null keeps it in a temp folder.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>
    /// Folder with one empty file per running trainer, named by its execution id, so that a host
    /// that was killed before it could stop its trainers leaves a list the next one can act on
    /// (<see cref="ProcessTrainerLauncher.StopLeftovers"/>); null keeps no list.
    /// </summary>
    public string? PidDirectory { get; init; }

    /// <summary>Runs this same program again: <c>pairtuner</c> itself, or <c>dotnet pairtuner.dll</c> under <c>dotnet run</c>/tests.</summary>
    public static ProcessTrainerOptions ForCurrentProcess()
    {
        var process = System.Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        if (Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location
                ?? throw new InvalidOperationException("The entry assembly is unknown.");
            return ForDll(entry);
        }

        return new ProcessTrainerOptions { FileName = process };
    }

    /// <summary><c>dotnet {dll}</c>, with the dotnet host that runs this process.</summary>
    public static ProcessTrainerOptions ForDll(string dllPath)
    {
        var host = System.Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? p
            : "dotnet";
        return new ProcessTrainerOptions { FileName = host, Arguments = [Path.GetFullPath(dllPath)] };
    }
}
