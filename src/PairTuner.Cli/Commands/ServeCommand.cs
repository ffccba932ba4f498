using System.CommandLine;
using PairTuner.Cli.Hosting;
using PairTuner.Workflow.Runs;

namespace PairTuner.Cli.Commands;

/// <summary>
/// <c>pairtuner serve</c>: the local host as a service. Watches <c>pairs/</c> (one upload, one
/// run) and serves docs/design.md's HTTP API on 127.0.0.1, until Ctrl+C.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port of the HTTP API on 127.0.0.1.", DefaultValueFactory = _ => 7071 };
        var watch = new Option<double>("--watch-seconds") { Description = "Seconds between scans of pairs/ for new uploads.", DefaultValueFactory = _ => PairsWatcher.DefaultInterval.TotalSeconds };
        var state = new Option<DirectoryInfo?>("--state") { Description = "Folder for the local Azurite data and trainer logs (default .pairtuner)." };
        var command = new Command("serve", "Serves the HTTP API and watches pairs/ on the local host.") { port, watch, state };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var signals = new StopSignals(cancellationToken);
            cancellationToken = signals.Token;
            LocalSession session;
            try
            {
                session = await LocalSession.StartAsync(
                    new LocalSessionOptions { StateFolder = parse.GetValue(state)?.FullName ?? ".pairtuner" }, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"pairtuner serve: {e.Message}");
                return 1;
            }

            await using (session.ConfigureAwait(false))
            {
                var host = await ServeHost.StartAsync(
                    session,
                    parse.GetValue(port),
                    TimeSpan.FromSeconds(Math.Max(0.5, parse.GetValue(watch))),
                    start => Console.Error.WriteLine(start.Outcome switch
                    {
                        RunStartOutcome.Started => $"Upload {start.Input}: started run {start.RunId}.",
                        RunStartOutcome.Rejected => $"Upload {start.Input}: not started ({start.Message}).",
                        _ => $"Upload {start.Input}: run {start.RunId} exists already.",
                    }),
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                await using (host.ConfigureAwait(false))
                {
                    if (session.Leftovers is { } leftovers)
                    {
                        Console.Error.WriteLine(leftovers);
                    }

                    Console.Error.WriteLine(session.Azurite is { } azurite
                        ? $"Storage: Azurite on 127.0.0.1:{azurite.BlobPort} (data in {azurite.DataFolder})."
                        : $"Storage: {session.Storage}.");
                    Console.Error.WriteLine($"Watching pairs/ every {host.Watcher.Interval.TotalSeconds:0.#} s. HTTP API: {host.Api.BaseUri}/runs");
                    Console.Error.WriteLine("Press Ctrl+C (or send SIGTERM) to stop: running trainers and Azurite are stopped; their runs resume when serve starts again.");
                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        Console.Error.WriteLine("Stopping...");
                    }
                }
            }

            return 0;
        });
        return command;
    }
}
