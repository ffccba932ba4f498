using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using PairTuner.Cli.Commands.Evaluation;
using PairTuner.Contracts.Jobs;
using PairTuner.Core.Formats;
using PairTuner.Core.Serialization;
using PairTuner.Training.Evaluation.Beir;
using PairTuner.Training.Evaluation;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;
using PairTuner.Training.Runtime;

namespace PairTuner.Cli.Commands;

/// <summary>
/// <c>pairtuner evaluate</c>: a model's metrics on a pairs file (retrieval with text1 as queries
/// over the distinct text2, plus Spearman/Pearson when the pairs carry scores) or on a BEIR folder,
/// printed as JSON keyed by sentence-transformers' metric names. Progress goes to stderr.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var flags = new EncoderOptionFlags();
        var pairs = new Option<string?>("--pairs")
        {
            Description = "A pairs file (.jsonl, .json, .csv, .tsv): text1 is the query, text2 the document; an optional score feeds spearman_cosine.",
        };
        var beir = new Option<string?>("--beir")
        {
            Description = "A BEIR folder: corpus.jsonl, queries.jsonl, qrels/{split}.tsv.",
        };
        var split = new Option<string>("--split")
        {
            Description = "The BEIR qrels split to evaluate.",
            DefaultValueFactory = _ => "test",
        };
        // Texts per forward pass: not the catalog's batchSize (pairs per training batch, whose other
        // pairs are the negatives, 2 or more); one text on its own embeds fine.
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Texts embedded per forward pass.",
            DefaultValueFactory = _ => 32,
        };
        var labelsSynthetic = new Option<bool>("--labels-synthetic")
        {
            Description = "The scores came from the labelling formula, not from people: flag the correlations as meaningless.",
        };

        var command = new Command("evaluate", "Evaluates a model on pairs or a BEIR folder; prints metrics as JSON.")
        {
            pairs, beir, split, batchSize, labelsSynthetic,
        };
        flags.AddTo(command);
        command.Validators.Add(result =>
        {
            var hasPairs = result.GetValue(pairs) is not null;
            var hasBeir = result.GetValue(beir) is not null;
            if (hasPairs == hasBeir)
            {
                result.AddError("Give exactly one of --pairs FILE or --beir DIR.");
            }
        });
        command.SetAction((parseResult, cancellationToken) =>
        {
            var (encoder, maxSeqLength) = flags.Bind(parseResult);
            return RunAsync(
                new EvaluateRequest
                {
                    Model = flags.Model(parseResult),
                    Pairs = parseResult.GetValue(pairs),
                    Beir = parseResult.GetValue(beir),
                    Split = parseResult.GetValue(split)!,
                    BatchSize = parseResult.GetValue(batchSize),
                    Precision = encoder.Precision,
                    MaxSeqLength = maxSeqLength,
                    Device = encoder.Device,
                    LabelsSynthetic = parseResult.GetValue(labelsSynthetic),
                },
                Console.Out,
                Console.Error,
                cancellationToken);
        });
        return command;
    }

    internal static async Task<int> RunAsync(EvaluateRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (request.BatchSize < 1)
        {
            error.WriteLine($"pairtuner evaluate: --batch-size must be at least 1; got {request.BatchSize}.");
            return 2;
        }

        try
        {
            IReadOnlyList<Core.Pairs.Pair>? pairs = null;
            BeirDataset? beir = null;
            if (request.Pairs is not null)
            {
                pairs = await EvalPairsFile.ReadAsync(request.Pairs, cancellationToken).ConfigureAwait(false);
                error.WriteLine($"pairtuner evaluate: {pairs.Count} pairs from {request.Pairs}");
            }
            else
            {
                beir = BeirReader.Read(request.Beir!, request.Split);
                error.WriteLine($"pairtuner evaluate: BEIR {request.Beir} ({request.Split}): {beir.Queries.Count} queries, {beir.Corpus.Count} documents");
            }

            using var model = EvaluationModel.Load(
                request.Model,
                new EncoderOptions { Precision = request.Precision, Device = request.Device },
                request.BatchSize,
                request.MaxSeqLength,
                request.Loader);
            error.WriteLine($"pairtuner evaluate: model {model.Source}, {request.Precision.ToString().ToLowerInvariant()} on {request.Device}");

            var result = pairs is not null
                ? PairEvaluator.Evaluate(pairs, model.Embedder, new PairEvaluationOptions { LabelsSynthetic = request.LabelsSynthetic }, cancellationToken)
                : BeirEvaluator.Evaluate(beir!, model.Embedder, cancellationToken: cancellationToken);

            var printed = new EvaluateOutput
            {
                Model = request.Model,
                ModelSource = model.Source,
                Data = request.Pairs ?? request.Beir!,
                Split = request.Beir is null ? null : request.Split,
                Precision = request.Precision.ToString().ToLowerInvariant(),
                MaxSeqLength = model.MaxSeqLength,
                Metrics = result.Metrics,
                Labels = result.Labels,
                Counts = result.Counts,
                Seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
                Notes = result.Notes,
            };
            output.WriteLine(JsonSerializer.Serialize(printed, PairTunerJson.Options));
            return 0;
        }
        catch (Exception e) when (e is PairsFileException or BeirFormatException or TorchUnavailableException || ModelResolver.IsModelError(e))
        {
            error.WriteLine($"pairtuner evaluate: {e.Message}");
            return 1;
        }
    }
}
