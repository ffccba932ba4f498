using System.Globalization;
using PairTuner.Contracts.Runs;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Ingestion;
using PairTuner.Workflow.Activities;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Workflow.Ingestion;

/// <summary>The Ingest and ScoreAndSplit steps of a run: PairTuner.Core's pipeline over the run's store.</summary>
public sealed class RunIngestion(IArtifactStore store)
{
    /// <summary>How many row errors the failure message quotes (validation.json lists more).</summary>
    private const int QuotedErrors = 3;

    public async Task<IngestOutcome> IngestAsync(IngestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var paths = new RunPaths(input.RunId);
        IngestResult result;
        await using (var stream = await store.OpenReadAsync(input.Input, cancellationToken).ConfigureAwait(false))
        {
            result = await PairsIngestor.IngestAsync(
                stream, input.Input, RunDataOptions.Ingest(input.Options), store, paths.Prefix, cancellationToken).ConfigureAwait(false);
        }

        var report = result.Report;
        if (result.Fatal)
        {
            return new IngestOutcome([], report.Accepted, report.Rejected, DescribeFatal(input.Input, result, paths));
        }

        // Only a run that goes on records its request: a rejected file leaves validation.json and error.json alone.
        await store.WriteJsonAsync(paths.Request, new RunRequest(input.RunId, input.Input, input.Options), cancellationToken).ConfigureAwait(false);
        return new IngestOutcome(result.ShardPaths, report.Accepted, report.Rejected, null);
    }

    public async Task<ShardOutcome> ScoreAndSplitAsync(ShardInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var paths = new RunPaths(input.RunId);
        var split = await ShardSplitter.ScoreAndSplitAsync(
            store,
            paths.Prefix,
            input.ShardIndex,
            RunDataOptions.Scoring(input.Options),
            RunDataOptions.Split(input.Options),
            cancellationToken).ConfigureAwait(false);
        return new ShardOutcome(split.ShardIndex, split.TrainPath, split.EvalPath, split.Train, split.Eval, split.LabelsSynthetic);
    }

    private static string DescribeFatal(string file, IngestResult result, RunPaths paths)
    {
        var report = result.Report;
        var reason = report.FatalReason ?? "it has no usable pairs";
        var quoted = report.Errors.Take(QuotedErrors).Select(e => e.ToString()).ToList();
        var more = report.Rejected - quoted.Count;
        var errors = quoted.Count == 0
            ? string.Empty
            : " First errors: " + string.Join("; ", quoted) + (more > 0 ? string.Create(CultureInfo.InvariantCulture, $" (and {more} more)") : string.Empty) + ".";
        return $"{file} cannot be trained on: {reason.TrimEnd('.')}.{errors} Fix the file and upload it again; every rejected row is listed in {result.ValidationPath ?? paths.Validation}.";
    }
}
