using System.CommandLine;

namespace PairTuner.Cli.Commands;

internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Uploads a pairs file and runs one fine-tuning to the end on the local host.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pairtuner run: not built yet.");
            return 1;
        });
        return command;
    }
}
