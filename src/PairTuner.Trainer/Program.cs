using System.CommandLine;
using PairTuner.Trainer;

// The trainer image runs `pairtuner-trainer train --job runs/{id}/job.json`; the launcher appends the
// job arguments, so the command line is the same as `pairtuner train`'s.
var root = new RootCommand("PairTuner's trainer: fine-tunes all-MiniLM-L6-v2 on pairs (a job.json from the workflow, or local files).")
{
    TrainCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
