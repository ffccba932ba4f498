using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PairTuner.Cli.Hosting;

namespace PairTuner.Cli.Commands.Bench;

/// <summary>
/// <c>pairtuner bench workflow --pairs N</c>: ingest and the fan-out through the local host on
/// Azurite (or PAIRTUNER_STORAGE), as one JSON line with <c>ratio_to_copy</c> against a plain
/// download + upload of the same bytes in the same run.
/// </summary>
internal static class WorkflowBenchCommand
{
    public static Command Create()
    {
        var pairs = new Option<int>("--pairs") { Description = "Pairs to generate and upload.", DefaultValueFactory = _ => 10_000 };
        var shardSize = new Option<int>("--shard-size") { Description = "Pairs per shard (the fan-out width is pairs / shard size).", DefaultValueFactory = _ => 50_000 };
        var command = new Command("workflow", "Times upload -> ingest -> ScoreAndSplit fan-out -> trainer start on the local host, against a plain copy.")
        {
            pairs, shardSize,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(pairs);
            if (n < 40)
            {
                Console.Error.WriteLine("pairtuner bench workflow: --pairs must be at least 40 (one batch plus eval pairs).");
                return 2;
            }

            var launcher = new InstantTrainerLauncher();
            LocalSession session;
            try
            {
                session = await LocalSession.StartAsync(
                    new LocalSessionOptions { Launcher = launcher, TaskHubName = "bench" + Guid.NewGuid().ToString("N")[..8] },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"pairtuner bench workflow: {e.Message}");
                return 1;
            }

            await using (session.ConfigureAwait(false))
            {
                var result = await WorkflowBenchmark.RunAsync(session, launcher, n, parse.GetValue(shardSize), cancellationToken).ConfigureAwait(false);
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["bench"] = "workflow",
                    ["pairs"] = result.Pairs,
                    ["bytes"] = result.Bytes,
                    ["shards"] = result.Shards,
                    ["upload_s"] = Round(result.UploadSeconds),
                    ["upload_to_trainer_start_s"] = Round(result.UploadToTrainerStartSeconds),
                    ["pairs_per_s"] = Math.Round(result.PairsPerSecond),
                    ["copy_s"] = Round(result.CopySeconds),
                    ["ratio_to_copy"] = Round(result.RatioToCopy),
                    ["storage"] = session.Azurite is null ? "PAIRTUNER_STORAGE" : "azurite",
                }));
            }

            return 0;
        });
        return command;
    }

    private static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);
}
