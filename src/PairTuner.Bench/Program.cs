using System.CommandLine;
using PairTuner.Bench.Commands;

// `pairtuner-bench`: measurements kept apart from the product, so the trainer image and the
// Functions app ship without them. Each benchmark prints one JSON line per case, with a ratio to
// a reference measured in the same process.
var root = new RootCommand("PairTuner's benchmarks; each prints JSON lines with a ratio to a reference measured in the same run.")
{
    IngestBenchCommand.Create(),
    EmbedBenchCommand.Create(),
    TrainBenchCommand.Create(),
    WorkflowBenchCommand.Create(),
    TokenizeBenchCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
