using System.CommandLine;
using PairTuner.Cli.Commands.Bench;

namespace PairTuner.Cli.Commands;

/// <summary><c>pairtuner bench ...</c>: each benchmark prints one JSON line per case, as a ratio to a reference run in the same process.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks; each prints JSON lines with a ratio to a reference measured in the same run.")
    {
        IngestBenchCommand.Create(),
        EmbedBenchCommand.Create(),
        TrainBenchCommand.Create(),
        WorkflowBenchCommand.Create(),
    };
}
