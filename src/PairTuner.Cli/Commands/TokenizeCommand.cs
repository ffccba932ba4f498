using System.CommandLine;

namespace PairTuner.Cli.Commands;

internal static class TokenizeCommand
{
    public static Command Create()
    {
        var command = new Command("tokenize", "Tokenizes one JSON string per stdin line.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pairtuner tokenize: not built yet.");
            return 1;
        });
        return command;
    }
}
