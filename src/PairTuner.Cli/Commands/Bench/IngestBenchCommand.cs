using System.CommandLine;

namespace PairTuner.Cli.Commands.Bench;

internal static class IngestBenchCommand
{
    public static Command Create()
    {
        var command = new Command("ingest", "Benchmarks ingest.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pairtuner bench ingest: not built yet.");
            return 1;
        });
        return command;
    }
}
