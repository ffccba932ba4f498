using System.CommandLine;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Options;
using PairTuner.Trainer;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;

namespace PairTuner.Cli.Commands;

/// <summary>
/// The flags of <c>pairtuner embed</c> and <c>pairtuner evaluate</c> that say how the encoder runs
/// (<c>--max-seq-length</c>, <c>--precision</c>, <c>--device</c>: the catalog options that
/// <see cref="RunOption.Encodes"/>), generated like <c>train</c>'s and <c>run</c>'s, so names, limits,
/// help and refusals are the same words everywhere; and their shared <c>--model</c>.
/// </summary>
internal sealed class EncoderOptionFlags
{
    // Without --max-seq-length, embed and evaluate cut texts where the model itself does (its
    // sentence_bert_config.json), not at training's 256: a model tuned and saved with 128 is then
    // measured and used as it was saved. For all-MiniLM-L6-v2 both are 256.
    private const string ModelsOwnLength = "the model's own (256 for all-MiniLM-L6-v2)";

    private readonly RunOptionFlags _flags = RunOptionFlags.Create(
        RunOptionCatalog.All.Where(o => o.Encodes),
        localModelFolders: false,
        defaults: new Dictionary<string, string> { ["maxSeqLength"] = ModelsOwnLength });

    // Any value ModelResolver takes, described as train's --model is. Help reads "Default builtin" as the generated flags do.
    private readonly Option<string?> _model = new("--model")
    {
        Description = ModelResolver.Description + " Default " + ModelReference.Builtin + ".",
        HelpName = "value",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_model);
        foreach (var flag in _flags.Flags)
        {
            command.Options.Add(flag);
        }
    }

    /// <summary>The <c>--model</c> typed on this command line, or builtin.</summary>
    public string Model(ParseResult parse) => parse.GetValue(_model) ?? ModelReference.Builtin;

    /// <summary>
    /// The encoder settings typed on this command line, read through the catalog (the flags have
    /// refused bad values at parse time); <c>MaxSeqLength</c> is null when not given: the model's own.
    /// </summary>
    public (EncoderOptions Encoder, int? MaxSeqLength) Bind(ParseResult parse)
    {
        var training = _flags.Bind(parse, new RunOptions()).Training;
        var encoder = new EncoderOptions { Precision = training.Precision, Device = training.Device };
        return (encoder, _flags.IsGiven(parse, "maxSeqLength") ? training.MaxSeqLength : null);
    }
}
