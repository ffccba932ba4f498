using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PairTuner.Contracts.Scoring;
using PairTuner.Core.Formats;
using PairTuner.Core.Ingestion;
using PairTuner.Core.Scoring;
using PairTuner.Core.Serialization;
using PairTuner.Core.Validation;

namespace PairTuner.Cli.Commands;

/// <summary>
/// <c>pairtuner validate FILE [--json]</c>: reads the whole file as ingest would and prints the
/// report, human-readable or as <c>validation.json</c>. Exit 0 when the file is usable, 2 when it
/// is fatal, 1 on any other error (missing file, bad option).
/// </summary>
internal static class ValidateCommand
{
    public const int Usable = 0;
    public const int Failed = 1;
    public const int Fatal = 2;

    /// <summary>How many row errors the human report prints; --json has the full list.</summary>
    private const int ErrorsShown = 20;

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The pairs file: .json (array of pairs), .jsonl, .csv or .tsv." };
        var json = new Option<bool>("--json") { Description = "Print validation.json instead of the human-readable report." };
        var format = new Option<PairsFormat?>("--format") { Description = "Read as this format instead of detecting it: JsonArray, JsonLines, Csv or Tsv." };
        var rescale = new Option<string>("--rescale")
        {
            Description = "The scale of the file's scores: 0-1 (default), 0-5 (STS-B) or 1-5 (SICK-R); rescaled into [0, 1].",
            DefaultValueFactory = _ => "0-1",
        };
        var minScore = new Option<double?>("--min-score") { Description = "Keep only pairs whose score (as written in the file) is at least this; unscored pairs are kept." };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Training batch size: a usable file needs one batch plus one eval pair.",
            DefaultValueFactory = _ => 32,
        };
        var limits = new ValidationLimits();
        var maxTextChars = new Option<int>("--max-text-chars")
        {
            Description = "Longest text, in characters.",
            DefaultValueFactory = _ => limits.MaxTextChars,
        };
        var maxPairs = new Option<long>("--max-pairs")
        {
            Description = "Most usable pairs in one file.",
            DefaultValueFactory = _ => limits.MaxPairs,
        };
        var maxFileBytes = new Option<long>("--max-file-bytes")
        {
            Description = "Largest file, in bytes.",
            DefaultValueFactory = _ => limits.MaxFileBytes,
        };

        var command = new Command("validate", "Validates a pairs file and prints its report (exit 0 usable, 2 fatal, 1 other errors).")
        {
            file, json, format, rescale, minScore, batchSize, maxTextChars, maxPairs, maxFileBytes,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            IngestOptions options;
            try
            {
                options = new IngestOptions
                {
                    BatchSize = parseResult.GetValue(batchSize),
                    Format = parseResult.GetValue(format),
                    Scoring = new ScoringOptions { Rescale = ScoreScale.Parse(parseResult.GetValue(rescale)!), MinScore = parseResult.GetValue(minScore) },
                    Limits = new ValidationLimits
                    {
                        MaxTextChars = parseResult.GetValue(maxTextChars),
                        MaxPairs = parseResult.GetValue(maxPairs),
                        MaxFileBytes = parseResult.GetValue(maxFileBytes),
                    },
                };
                options.Validate();
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                error.WriteLine($"pairtuner validate: {e.Message}");
                return Task.FromResult(Failed);
            }

            return RunAsync(parseResult.GetValue(file)!, options, parseResult.GetValue(json), output, error, cancellationToken);
        });
        return command;
    }

    internal static async Task<int> RunAsync(string path, IngestOptions options, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ValidationReport report;
        try
        {
            report = await PairsIngestor.ValidateFileAsync(path, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"pairtuner validate: cannot read '{path}': {e.Message}");
            return Failed;
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, PairTunerJson.Options));
        }
        else
        {
            WriteHuman(report, output);
        }

        return report.Usable ? Usable : Fatal;
    }

    private static void WriteHuman(ValidationReport report, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var format = report.Format is { } f ? $"{f} (from the {report.FormatSource?.ToString().ToLowerInvariant()})" : "format unknown";
        output.WriteLine(string.Create(c, $"{report.File}: {format}, {report.Bytes:N0} bytes"));
        void Line(string label, long value, string? note = null)
            => output.WriteLine(string.Create(c, $"  {label,-20}{value,12:N0}{(note is null ? string.Empty : "   " + note)}"));

        Line("records read", report.Rows);
        Line("accepted", report.Accepted);
        Line("rejected", report.Rejected);
        Line("duplicates", report.Duplicates, "skipped");
        Line("identical texts", report.IdenticalTexts, "skipped");
        if (report.MinScore is { } min)
        {
            Line("below min score", report.BelowMinScore, string.Create(c, $"skipped (< {min})"));
        }

        var range = report.ScoreMin is { } lo && report.ScoreMax is { } hi ? string.Create(c, $"scores {lo} to {hi} as written, rescale {ScoreScale.Describe(report.Rescale)}") : null;
        Line("with a score", report.WithScore, range ?? "the rest get synthetic labels");
        Line("with a negative", report.WithNegative);
        Line("with a group", report.WithGroup);
        if (report.TextLabelsIgnored > 0)
        {
            Line("text labels", report.TextLabelsIgnored, "ignored (not a score)");
        }

        output.WriteLine();
        output.WriteLine(report.Usable
            ? string.Create(c, $"Usable: {report.Accepted:N0} pairs (at least {report.MinUsablePairs} needed).")
            : $"FATAL: {report.FatalReason}");

        if (report.Errors.Count > 0)
        {
            var total = report.Errors.Count + report.ErrorsNotListed;
            output.WriteLine();
            output.WriteLine(string.Create(c, $"Errors ({Math.Min(ErrorsShown, report.Errors.Count)} of {total:N0}; --json lists {report.Errors.Count:N0}):"));
            foreach (var rowError in report.Errors.Take(ErrorsShown))
            {
                output.WriteLine($"  {rowError}");
            }
        }

        if (report.Warnings.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Warnings:");
            foreach (var warning in report.Warnings)
            {
                output.WriteLine($"  {warning}");
            }
        }
    }
}
