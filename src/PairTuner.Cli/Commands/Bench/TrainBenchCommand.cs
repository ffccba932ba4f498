using System.CommandLine;

namespace PairTuner.Cli.Commands.Bench;

internal static class TrainBenchCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Benchmarks train.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pairtuner bench train: not built yet.");
            return 1;
        });
        return command;
    }
}
