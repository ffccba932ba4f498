using System.CommandLine;

namespace PairTuner.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Serves the HTTP API and watches pairs/ on the local host.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pairtuner serve: not built yet.");
            return 1;
        });
        return command;
    }
}
