using System.CommandLine;

namespace PairTuner.Cli.Commands.Bench;

internal static class EmbedBenchCommand
{
    public static Command Create()
    {
        var command = new Command("embed", "Benchmarks embed.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pairtuner bench embed: not built yet.");
            return 1;
        });
        return command;
    }
}
