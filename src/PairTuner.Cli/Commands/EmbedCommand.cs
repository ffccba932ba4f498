using System.CommandLine;

namespace PairTuner.Cli.Commands;

internal static class EmbedCommand
{
    public static Command Create()
    {
        var command = new Command("embed", "Embeds one JSON string per stdin line.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pairtuner embed: not built yet.");
            return 1;
        });
        return command;
    }
}
