using System.CommandLine;
using System.Globalization;
using PairTuner.Cli.Hosting;
using PairTuner.Contracts.Options;
using PairTuner.Contracts.Runs;
using PairTuner.Trainer;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Runs;

namespace PairTuner.Cli.Commands;

/// <summary>
/// <c>pairtuner run FILE</c>: uploads the pairs file, runs one fine-tuning to the end on the local
/// host with a live progress line, prints the summary and where the model and report are. Exit
/// code 0 only when the run completed.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The pairs file (JSON array, JSON Lines, CSV or TSV)." };
        var flags = RunOptionFlags.Create();
        var set = new Option<string[]>("--option", "-o")
        {
            Description = "Any run option as name=value (e.g. -o lr=3e-5 -o maxSeqLength=128); repeatable. See the options table in docs/options.md.",
            AllowMultipleArgumentsPerToken = false,
        };
        var name = new Option<string?>("--name") { Description = "Blob name in pairs/ (default: the file's name)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where to copy the model and report (default .pairtuner/output/{runId})." };
        var state = new Option<DirectoryInfo?>("--state") { Description = "Folder for the local Azurite data and trainer logs (default .pairtuner)." };
        var allMetrics = new Option<bool>("--all-metrics") { Description = "Print every metric, not only the headline ones (all are in eval.json)." };

        var command = new Command("run", "Uploads a pairs file and runs one fine-tuning to the end on the local host.")
        {
            file, set, name, output, state, allMetrics,
        };
        foreach (var flag in flags.Flags)
        {
            command.Options.Add(flag);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var values = flags.Values(parse).ToList();

            foreach (var pair in parse.GetValue(set) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    Console.Error.WriteLine($"pairtuner run: --option '{pair}' is not name=value.");
                    return 2;
                }

                values.Add((pair[..eq].Trim(), pair[(eq + 1)..].Trim()));
            }

            return await RunAsync(
                parse.GetRequiredValue(file),
                parse.GetValue(name),
                values,
                parse.GetValue(output)?.FullName,
                parse.GetValue(state)?.FullName ?? ".pairtuner",
                parse.GetValue(allMetrics),
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo file, string? name, IReadOnlyList<(string Key, string Value)> values, string? output, string stateFolder, bool allMetrics, CancellationToken cancellationToken)
    {
        // SIGTERM is Ctrl+C: the run is cancelled, its trainer and the Azurite stopped, then the command ends.
        using var signals = new StopSignals(cancellationToken);
        cancellationToken = signals.Token;
        if (!file.Exists)
        {
            Console.Error.WriteLine($"pairtuner run: {file.FullName} does not exist.");
            return 2;
        }

        // Bad options fail here, before any storage or process is started.
        var check = RunOptionsBuilder.Create();
        foreach (var (key, value) in values)
        {
            check.Add(OptionSource.CommandLine, key, value);
        }

        if (!check.TryBuild(out _, out var errors))
        {
            Console.Error.WriteLine($"pairtuner run: {new RunOptionsException(errors).Message}");
            return 2;
        }

        LocalSession session;
        try
        {
            Console.Error.WriteLine("Starting the local host (storage, task hub, worker)...");
            session = await LocalSession.StartAsync(new LocalSessionOptions { StateFolder = stateFolder }, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"pairtuner run: {e.Message}");
            return 1;
        }

        await using (session.ConfigureAwait(false))
        {
            if (session.Leftovers is { } leftovers)
            {
                Console.Error.WriteLine(leftovers);
            }

            Console.Error.WriteLine(session.Azurite is { } azurite
                ? $"Storage: Azurite started on 127.0.0.1:{azurite.BlobPort} (data in {azurite.DataFolder}); it stops when this command ends."
                : $"Storage: {session.Storage}.");
            var display = new ProgressDisplay(Console.Error);
            var run = new LocalRun(session.Hub);
            LocalRunResult result;
            try
            {
                result = await run.RunAsync(
                    file.FullName,
                    name,
                    builder =>
                    {
                        foreach (var (key, value) in values)
                        {
                            builder.Add(OptionSource.CommandLine, key, value);
                        }
                    },
                    start => Console.Error.WriteLine(start.Outcome == RunStartOutcome.Started
                        ? $"Run {start.RunId} started for {start.Input}."
                        : $"Run {start.RunId} for {start.Input} exists already; following it."),
                    display.Show,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or RunOptionsException or PairsNotFoundException)
            {
                Console.Error.WriteLine($"pairtuner run: {e.Message}");
                return 2;
            }
            catch (Grpc.Core.RpcException e)
            {
                Console.Error.WriteLine($"pairtuner run: the local task hub failed ({e.Status.Detail}). The run is kept in storage: `pairtuner serve` on the same storage carries it on, and its API can cancel it.");
                return 1;
            }

            display.End();
            return await ReportAsync(session, result, output, allMetrics).ConfigureAwait(false);
        }
    }

    private static async Task<int> ReportAsync(LocalSession session, LocalRunResult result, string? output, bool allMetrics)
    {
        var paths = new RunPaths(result.RunId);
        if (!result.Succeeded)
        {
            Console.Error.WriteLine(result.Summary?.Status == RunStage.Cancelled
                ? $"Run {result.RunId} was cancelled; its trainer was stopped."
                : $"Run {result.RunId} failed: {result.Failure}");
            Console.Error.WriteLine($"Details: {paths.Error}");
            return 1;
        }

        var summary = result.Summary!;
        var folder = Path.GetFullPath(output ?? Path.Combine(".pairtuner", "output", result.RunId));
        await RunDownloader.DownloadAsync(session.Hub.Store, result.RunId, folder).ConfigureAwait(false);

        var stdout = Console.Out;
        stdout.WriteLine($"Run {summary.RunId} completed in {ProgressLine.Duration(summary.FinishedAt - summary.StartedAt)}.");
        ResultConsole.WriteVerdict(stdout, summary.Verdict);
        stdout.WriteLine($"  pairs: {summary.Pairs} usable ({summary.RejectedRows} rejected), train {summary.TrainPairs}, eval {summary.EvalPairs}, shards {summary.Shards}, trainer attempts {summary.TrainerAttempts}");
        if (summary.Recipe is { } recipe)
        {
            stdout.WriteLine($"  recipe: {recipe.ToString().ToLowerInvariant()}");
        }

        if (summary.LabelsSynthetic)
        {
            stdout.WriteLine("  labels: synthetic (the file has no scores), so the Spearman/Pearson numbers measure nothing; the retrieval metrics do.");
        }

        ResultConsole.WriteMetrics(stdout, summary.Metrics.Select(m => (m.Key, m.Value.Base, m.Value.Tuned)).ToArray(), !summary.LabelsSynthetic, allMetrics);
        stdout.WriteLine(summary.Onnx is null ? $"  model (storage):  {summary.Model}" : $"  model (storage):  {summary.Model} (ONNX: {summary.Onnx})");
        stdout.WriteLine($"  report (storage): {summary.ReportHtml}, {summary.EvalReport}");
        stdout.WriteLine($"  copied to:        {folder} (model/, report.html, eval.json, summary.json)");
        ResultConsole.WriteConclusion(stdout, summary.Verdict, Path.TrimEndingDirectorySeparator(Path.Combine(folder, RunPaths.LocalModelFolder)), Path.Combine(folder, RunPaths.ReportHtmlFile));
        return 0;
    }
}
