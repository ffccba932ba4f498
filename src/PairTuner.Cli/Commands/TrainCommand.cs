using System.CommandLine;

namespace PairTuner.Cli.Commands;

internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Fine-tunes the model on pairs (local files or a job.json).");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pairtuner train: not built yet.");
            return 1;
        });
        return command;
    }
}
