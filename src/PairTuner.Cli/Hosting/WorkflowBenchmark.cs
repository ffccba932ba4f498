using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PairTuner.Workflow.Options;
using PairTuner.Workflow.Runs;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// <c>pairtuner bench workflow</c>: uploads N generated pairs, runs ingest and the ScoreAndSplit
/// fan-out through the local host, and times upload-to-trainer-start against a plain download +
/// upload of the same bytes through the same storage in the same process (the reference).
/// </summary>
public static class WorkflowBenchmark
{
    public sealed record Result(
        int Pairs,
        long Bytes,
        int Shards,
        double UploadSeconds,
        double UploadToTrainerStartSeconds,
        double PairsPerSecond,
        double CopySeconds,
        double RatioToCopy);

    public static async Task<Result> RunAsync(LocalSession session, InstantTrainerLauncher launcher, int pairs, int shardSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(launcher);
        var content = Generate(pairs);
        var name = $"bench/{Guid.NewGuid():N}.jsonl";
        var store = session.Hub.Store;

        // Reference: the same bytes through the same storage, downloaded and uploaded once.
        await store.WriteAsync($"pairs/{name}.reference", new MemoryStream(content), cancellationToken).ConfigureAwait(false);
        var copy = Stopwatch.StartNew();
        using (var downloaded = new MemoryStream())
        {
            await using (var source = await store.OpenReadAsync($"pairs/{name}.reference", cancellationToken).ConfigureAwait(false))
            {
                await source.CopyToAsync(downloaded, cancellationToken).ConfigureAwait(false);
            }

            downloaded.Position = 0;
            await store.WriteAsync($"runs/bench-copy/{Path.GetFileName(name)}", downloaded, cancellationToken).ConfigureAwait(false);
        }

        copy.Stop();

        var clock = Stopwatch.StartNew();
        await store.WriteAsync($"pairs/{name}", new MemoryStream(content), cancellationToken).ConfigureAwait(false);
        var uploaded = clock.Elapsed;
        var starter = new PairsRunStarter(session.Hub.Client, store.Service);
        var start = await starter.StartFromBlobAsync(
            name,
            b => b.Add(OptionSource.CommandLine, "shardSize", shardSize.ToString(CultureInfo.InvariantCulture))
                  .Add(OptionSource.CommandLine, "monitorInterval", "00:00:00.5"),
            runId: null,
            cancellationToken).ConfigureAwait(false);
        await launcher.LaunchedAsync(start.RunId).WaitAsync(TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false);
        var toTrainer = clock.Elapsed;

        var shards = 0;
        await foreach (var _ in store.ListAsync(new RunPaths(start.RunId).ShardsPrefix, cancellationToken).ConfigureAwait(false))
        {
            shards++;
        }

        var workflowSeconds = (toTrainer - uploaded).TotalSeconds;
        return new Result(
            pairs,
            content.Length,
            shards,
            uploaded.TotalSeconds,
            toTrainer.TotalSeconds,
            pairs / workflowSeconds,
            copy.Elapsed.TotalSeconds,
            copy.Elapsed.TotalSeconds / workflowSeconds);
    }

    /// <summary>Distinct, realistic-length pairs as JSON Lines (question-like text1, answer-like text2).</summary>
    public static byte[] Generate(int pairs)
    {
        var builder = new StringBuilder(pairs * 120);
        for (var i = 0; i < pairs; i++)
        {
            var topic = i % 97;
            builder.Append(JsonSerializer.Serialize(new
            {
                text1 = $"How do I reset the password of account {i} in workspace {topic}?",
                text2 = $"Account {i}: open workspace {topic} settings, choose Security, then Reset password and follow the email link.",
            })).Append('\n');
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
