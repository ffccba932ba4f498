using System.CommandLine;

namespace PairTuner.Cli.Commands.Bench;

internal static class WorkflowBenchCommand
{
    public static Command Create()
    {
        var command = new Command("workflow", "Benchmarks workflow.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pairtuner bench workflow: not built yet.");
            return 1;
        });
        return command;
    }
}
