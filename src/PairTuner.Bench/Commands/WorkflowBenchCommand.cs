using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PairTuner.Bench.Hosting;
using PairTuner.Cli.Hosting;

namespace PairTuner.Bench.Commands;

/// <summary>
/// <c>pairtuner-bench workflow --pairs N</c>: upload -> watcher -> Ingest -> ScoreAndSplit fan-out
/// -> trainer launch through the local host on Azurite (or PAIRTUNER_STORAGE), as one JSON line
/// with <c>ratio_to_copy</c> against a plain download + upload of the same bytes in the same run.
/// <c>--trace</c> prints the host's log events with their times to stderr and adds <c>phases_s</c>
/// (watcher, Durable hops, each activity) to the line, to see where the time goes.
/// </summary>
internal static class WorkflowBenchCommand
{
    public static Command Create()
    {
        var defaults = new WorkflowBenchmarkOptions();
        var pairs = new Option<int>("--pairs") { Description = "Pairs to generate and upload.", DefaultValueFactory = _ => defaults.Pairs };
        var shardSize = new Option<int>("--shard-size") { Description = "Pairs per shard (the fan-out width is pairs / shard size).", DefaultValueFactory = _ => defaults.ShardSize };
        var watch = new Option<double>("--watch-seconds") { Description = "Seconds between the watcher's scans of pairs/ (serve's default).", DefaultValueFactory = _ => defaults.WatchInterval.TotalSeconds };
        var cold = new Option<bool>("--cold") { Description = "Measure the first upload of a fresh host (no warm-up run before it)." };
        var trace = new Option<bool>("--trace") { Description = "Print the local host's log events with seconds since the upload to stderr." };
        var command = new Command("workflow", "Times upload -> watcher -> ingest -> ScoreAndSplit fan-out -> trainer launch on the local host, against a plain copy.")
        {
            pairs, shardSize, watch, cold, trace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var options = new WorkflowBenchmarkOptions
            {
                Pairs = parse.GetValue(pairs),
                ShardSize = parse.GetValue(shardSize),
                WatchInterval = TimeSpan.FromSeconds(parse.GetValue(watch)),
                WarmUp = !parse.GetValue(cold),
            };
            if (options.Pairs < 40 || options.ShardSize < 1 || options.WatchInterval <= TimeSpan.Zero)
            {
                await error.WriteLineAsync("pairtuner-bench workflow: --pairs must be at least 40 (one batch plus eval pairs), --shard-size and --watch-seconds above 0.").ConfigureAwait(false);
                return 2;
            }

            var clock = Stopwatch.StartNew();
            using var timeline = parse.GetValue(trace) ? new TimelineLoggerProvider(clock) : null;
            using var loggers = timeline is null ? null : LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(timeline));
            var launcher = new InstantTrainerLauncher();
            LocalSession session;
            try
            {
                session = await LocalSession.StartAsync(
                    new LocalSessionOptions { Launcher = launcher, TaskHubName = "bench" + Guid.NewGuid().ToString("N")[..8], LoggerFactory = loggers },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                await error.WriteLineAsync($"pairtuner-bench workflow: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            await using (session.ConfigureAwait(false))
            {
                var result = await WorkflowBenchmark.RunAsync(session, launcher, options, timeline, cancellationToken).ConfigureAwait(false);
                if (timeline is not null)
                {
                    PrintTimeline(timeline, error);
                }

                var line = new Dictionary<string, object>
                {
                    ["bench"] = "workflow",
                    ["pairs"] = result.Pairs,
                    ["bytes"] = result.Bytes,
                    ["shards"] = result.Shards,
                    ["watch_interval_s"] = Round(result.WatchIntervalSeconds),
                    ["warm"] = result.WarmedUp,
                    ["upload_s"] = Round(result.UploadSeconds),
                    ["upload_to_trainer_start_s"] = Round(result.UploadToTrainerStartSeconds),
                    ["pairs_per_s"] = Math.Round(result.PairsPerSecond),
                    ["copy_s"] = Round(result.CopySeconds),
                    ["ratio_to_copy"] = Round(result.RatioToCopy),
                    ["storage"] = session.Azurite is null ? "PAIRTUNER_STORAGE" : "azurite",
                };
                if (timeline is not null)
                {
                    line["phases_s"] = WorkflowPhases.FromTimeline(timeline.Entries, result.RunId);
                }

                await output.WriteLineAsync(JsonSerializer.Serialize(line)).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    /// <summary>The events from the measured upload on, with seconds since it; ASP.NET Core's per-request events are left out.</summary>
    private static void PrintTimeline(TimelineLoggerProvider timeline, TextWriter error)
    {
        var entries = timeline.Entries.OrderBy(e => e.Seconds).ToList();
        var upload = entries.LastOrDefault(e => e.Category == TimelineLoggerProvider.MarkCategory && e.Event.StartsWith("upload ", StringComparison.Ordinal))?.Seconds ?? 0;
        foreach (var entry in entries.Where(e => e.Seconds >= upload && !e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && !e.Category.StartsWith("Grpc.AspNetCore", StringComparison.Ordinal)))
        {
            var message = entry.Message.Length > 240 ? entry.Message[..240] + "..." : entry.Message;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{entry.Seconds - upload,8:0.000}  {Short(entry.Category),-28} {entry.Event,-28} {message}"));
        }
    }

    private static string Short(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot < 0 ? category : category[(dot + 1)..];
    }

    private static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);
}
