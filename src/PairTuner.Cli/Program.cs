using System.CommandLine;
using PairTuner.Cli.Commands;
using PairTuner.Cli.Hosting;
using PairTuner.Trainer;

var root = new RootCommand("PairTuner: fine-tune all-MiniLM-L6-v2 on your own pairs of similar texts.")
{
    RunCommand.Create(),
    ServeCommand.Create(),
    ValidateCommand.Create(),
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    EmbedCommand.Create(),
    TokenizeCommand.Create(),
    BlobEventCommand.Create(),
};

var parse = root.Parse(args);

// serve and run stop on SIGINT/SIGTERM themselves (StopSignals) and need longer than the 2 s
// System.CommandLine gives before it ends the process: their trainers and Azurite must go first.
var command = parse.CommandResult.Command;
var invocation = command.Parents.Contains(root) && StopSignals.Commands.Contains(command.Name)
    ? new InvocationConfiguration { ProcessTerminationTimeout = null }
    : new InvocationConfiguration();
return await parse.InvokeAsync(invocation).ConfigureAwait(false);
