using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Options;
using PairTuner.Contracts.Runs;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Ingestion;
using PairTuner.Core.Scoring;
using PairTuner.Core.Splitting;

namespace PairTuner.Training.Trainer;

/// <summary>
/// <c>pairtuner train --train FILE [--eval FILE] --out DIR</c> as a <see cref="TrainingJob"/> over a
/// <see cref="LocalArtifactStore"/> rooted at DIR, so the local form and the workflow's
/// <c>--job</c> form run the same code. The pairs go through Core's validation, scoring and
/// seeded 80/20 split (written under <c>DIR/data/</c>); with <c>--eval</c> the whole train file
/// trains and the whole eval file evaluates. DIR then holds <c>model/</c>, <c>eval.json</c>,
/// <c>report.html</c>, <c>training_log.jsonl</c>, <c>status.json</c> and <c>checkpoints/</c>.
/// </summary>
public static class LocalTrainingJob
{
    public const string DataPrefix = "data/";

    public static async Task<TrainingJob> PrepareAsync(
        string trainFile,
        string? evalFile,
        string outDir,
        TrainingOptions options,
        ScoringOptions scoring,
        bool resume,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scoring);
        RunOptionCatalog.Validate(options, localModelFolders: true);
        var store = new LocalArtifactStore(outDir);
        var split = new SplitOptions { Seed = options.Seed };
        var ingest = new IngestOptions { Scoring = scoring with { Seed = options.Seed }, BatchSize = options.BatchSize };

        var trainData = await RunPipelineAsync(trainFile, store, DataPrefix + "train-file/", ingest, split, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> train, eval;
        bool synthetic;
        if (evalFile is null)
        {
            train = trainData.TrainPaths;
            eval = trainData.EvalPaths;
            synthetic = trainData.LabelsSynthetic;
        }
        else
        {
            // Every pair of each file goes to its side: the split's two halves are simply rejoined.
            var evalData = await RunPipelineAsync(evalFile, store, DataPrefix + "eval-file/", ingest with { BatchSize = 1 }, split, cancellationToken).ConfigureAwait(false);
            train = [.. trainData.TrainPaths, .. trainData.EvalPaths];
            eval = [.. evalData.TrainPaths, .. evalData.EvalPaths];
            synthetic = evalData.LabelsSynthetic;
        }

        return new TrainingJob
        {
            RunId = "local",
            Train = train,
            Eval = eval,
            OutputModel = RunPaths.LocalModelFolder,
            // The same file names as under runs/{id}/, in the output folder.
            Checkpoints = RunPaths.CheckpointsFolder,
            Status = RunPaths.StatusFile,
            EvalReport = RunPaths.EvalReportFile,
            ReportHtml = RunPaths.ReportHtmlFile,
            TrainingLog = RunPaths.TrainingLogFile,
            Options = options,
            LabelsSynthetic = synthetic,
            Resume = resume,
        };
    }

    private static async Task<PairsPipelineResult> RunPipelineAsync(
        string file, IArtifactStore store, string prefix, IngestOptions ingest, SplitOptions split, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{file}: no such pairs file.", file);
        }

        var result = await LocalPairsPipeline.RunAsync(file, store, prefix, ingest, split, cancellationToken).ConfigureAwait(false);
        if (result.Fatal())
        {
            var errors = result.Ingest.Report.Errors;
            var first = errors.Count > 0 ? errors[0] : null;
            throw new InvalidDataException($"{file}: cannot train on this file: {result.Ingest.Report.FatalReason}" + (first is null ? string.Empty : $" First error: {first}"));
        }

        return result;
    }

    private static bool Fatal(this PairsPipelineResult result) => result.Ingest.Fatal;
}
