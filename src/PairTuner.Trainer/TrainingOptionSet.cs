using System.CommandLine;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Options;
using PairTuner.Training.ModelIO.Loading;

namespace PairTuner.Trainer;

/// <summary>
/// The option flags of <c>pairtuner train</c> and <c>pairtuner-trainer train</c> (the same command): those of
/// <see cref="RunOptionCatalog"/> that <see cref="RunOption.Trains"/>, with the names, limits and
/// defaults every other way of giving an option has. <c>--model</c> also takes a local folder here.
/// </summary>
internal sealed class TrainingOptionSet
{
    // --model reads like embed's and evaluate's (ModelResolver.Description): train resolves it the same way.
    private readonly RunOptionFlags _flags = RunOptionFlags.Create(
        RunOptionCatalog.All.Where(o => o.Trains),
        localModelFolders: true,
        descriptions: new Dictionary<string, string> { ["model"] = ModelResolver.Description });

    public IEnumerable<Option> All => _flags.Flags;

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The training options typed on this command line over <paramref name="baseline"/> (a job file's, or the defaults).</summary>
    public TrainingOptions Bind(ParseResult result, TrainingOptions? baseline = null) =>
        BindRun(result, new RunOptions { Training = baseline ?? new TrainingOptions() }).Training;

    /// <summary>As <see cref="Bind"/>, with the score options (<c>--rescale</c>, <c>--min-score</c>) of the local files too.</summary>
    public RunOptions BindRun(ParseResult result, RunOptions baseline) => _flags.Bind(result, baseline);
}
