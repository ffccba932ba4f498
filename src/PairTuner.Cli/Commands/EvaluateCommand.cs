using System.CommandLine;

namespace PairTuner.Cli.Commands;

internal static class EvaluateCommand
{
    public static Command Create()
    {
        var command = new Command("evaluate", "Evaluates a model on pairs or a BEIR folder.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pairtuner evaluate: not built yet.");
            return 1;
        });
        return command;
    }
}
