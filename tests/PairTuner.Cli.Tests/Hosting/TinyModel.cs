using System.Text.Json;
using PairTuner.Contracts.Storage;
using PairTuner.Tests.Models;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>
/// The model the end-to-end runs fine-tune: <see cref="TinyModelFolder"/> over the sample's texts,
/// written once per test process and stored as <c>models/{id}/</c>, the form a run's <c>model</c>
/// option takes for a previous run's model; the real trainer downloads and loads it from there.
/// </summary>
internal static class TinyModel
{
    private static readonly Lazy<string> LocalFolder = new(() => TinyModelFolder.Write(
        Path.Combine(Path.GetTempPath(), "pairtuner-tests", $"tiny-model-{Environment.ProcessId}"), SampleTexts()));

    /// <summary>The tiny model's folder on this machine.</summary>
    public static string Folder => LocalFolder.Value;

    /// <summary>Uploads the folder to <c>models/{id}/</c> and returns that prefix, the run option's value.</summary>
    public static async Task<string> UploadAsync(IArtifactStore store, string id)
    {
        var prefix = $"models/{id}/";
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            await using var content = File.OpenRead(file);
            await store.WriteAsync(prefix + Path.GetRelativePath(Folder, file).Replace('\\', '/'), content);
        }

        return prefix;
    }

    private static IEnumerable<string> SampleTexts()
    {
        foreach (var line in File.ReadLines(EndToEnd.SamplePath))
        {
            using var row = JsonDocument.Parse(line);
            yield return row.RootElement.GetProperty("text1").GetString()!;
            yield return row.RootElement.GetProperty("text2").GetString()!;
        }
    }
}
