using System.CommandLine;
using PairTuner.Cli.Commands;
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

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
