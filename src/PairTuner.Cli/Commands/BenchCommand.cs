using System.CommandLine;

namespace PairTuner.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pairtuner bench: not built yet.");
            return 1;
        });
        return command;
    }
}
