using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PairTuner.Training.Tests.Tokenization;

/// <summary>
/// Runs Hugging Face's tokenizers (the npm package, installed by <c>npm ci</c>) through
/// node/reference.mjs, so that tests compare against the reference live rather than a copy.
/// </summary>
internal static class NodeReference
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static JsonNode Ask(object request)
    {
        var script = Path.Combine(RepositoryRoot, "tests", "PairTuner.Training.Tests", "Tokenization", "node", "reference.mjs");
        if (!Directory.Exists(Path.Combine(RepositoryRoot, "node_modules", "tokenizers")))
        {
            throw new InvalidOperationException(
                $"The npm package 'tokenizers' is not installed under {RepositoryRoot}/node_modules; run 'npm ci' in the repository root (CI does).");
        }

        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node; Node.js 20+ must be on PATH.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(JsonSerializer.Serialize(request));
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("node reference.mjs did not answer within 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node reference.mjs exited with {process.ExitCode}: {stderr.Result}");
        }

        return JsonNode.Parse(stdout.Result) ?? throw new InvalidOperationException("node reference.mjs wrote nothing.");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above {AppContext.BaseDirectory}.");
    }
}
