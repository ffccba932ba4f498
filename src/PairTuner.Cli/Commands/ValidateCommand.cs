using System.CommandLine;

namespace PairTuner.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Validates a pairs file and prints its report.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pairtuner validate: not built yet.");
            return 1;
        });
        return command;
    }
}
