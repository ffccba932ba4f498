using System.Text;
using System.Text.Json;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Ingestion;
using PairTuner.Core.Serialization;
using PairTuner.Core.Splitting;

namespace PairTuner.Core.Tests.Golden;

/// <summary>
/// Runs a pairs file through ingest and score-and-split, as the workflow runs them, and renders
/// every file they write (validation.json, shards, train and eval, in path order) plus the split
/// results as one text: what a golden file holds. Public API only, so the same code rendered the
/// golden files from the pipeline this one replaced.
/// </summary>
internal static class GoldenRun
{
    public const string RunPrefix = "runs/golden/";

    public static async Task<string> RenderAsync(string inputPath, IngestOptions ingest, SplitOptions split, string storeFolder)
    {
        var store = new LocalArtifactStore(storeFolder);
        IngestResult result;
        await using (var input = File.OpenRead(inputPath))
        {
            result = await PairsIngestor.IngestAsync(input, Path.GetFileName(inputPath), ingest, store, RunPrefix);
        }

        var splits = new List<SplitResult>();
        for (var shard = 0; shard < result.ShardPaths.Count; shard++)
        {
            splits.Add(await ShardSplitter.ScoreAndSplitAsync(store, RunPrefix, shard, ingest.Scoring, split));
        }

        return Render(storeFolder, JsonSerializer.Serialize(splits, PairTunerJson.Options));
    }

    /// <summary>Every file under <paramref name="folder"/>, each after a header line with its path and size, then the split results.</summary>
    public static string Render(string folder, string splits)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, file));
            text.Append("=== ").Append(file).Append(" (").Append(bytes.Length).Append(" bytes)\n").Append(Encoding.UTF8.GetString(bytes)).Append('\n');
        }

        return text.Append("=== splits\n").Append(splits).Append('\n').ToString();
    }
}
