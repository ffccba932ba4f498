using System.Globalization;

namespace PairTuner.Contracts.Runs;

/// <summary>
/// Every artifact path of one run (docs/design.md's blob layout), as <c>container/name</c>: the one
/// definition of the <c>runs/{id}/...</c> and <c>models/{id}/...</c> names, so the ingest pipeline,
/// the orchestration, the activities, the trainer's job, the local host and the tests agree. The
/// file and folder names are constants too, for the trainer's local output folder, which holds the
/// same files under other roots.
/// </summary>
public sealed record RunPaths(string RunId)
{
    public const string RunsContainer = "runs";
    public const string ModelsContainer = "models";

    public const string InputFile = "input.jsonl";
    public const string RequestFile = "request.json";
    public const string StartedFile = "started.json";
    public const string ValidationFile = "validation.json";
    public const string ShardsFolder = "shards/";
    public const string TrainFolder = "train/";
    public const string EvalFolder = "eval/";
    public const string JobFile = "job.json";
    public const string StatusFile = "status.json";
    public const string CheckpointsFolder = "checkpoints/";
    public const string EvalReportFile = "eval.json";
    public const string ReportHtmlFile = "report.html";
    public const string TrainingLogFile = "training_log.jsonl";
    public const string SummaryFile = "summary.json";
    public const string ErrorFile = "error.json";
    public const string OnnxFile = "onnx/model.onnx";

    /// <summary>The tuned model's folder in a local output folder (<c>pairtuner train --out</c>, <c>pairtuner run</c>'s download); in storage it is <see cref="Model"/>.</summary>
    public const string LocalModelFolder = "model/";

    public string Prefix => $"{RunsContainer}/{RunIds.Validate(RunId)}/";

    /// <summary>
    /// Where inline pairs posted to the API are written and read from: under the run's own prefix,
    /// not in <c>pairs/</c>, so the blob triggers and the watcher never start a second run for them.
    /// </summary>
    public string InlineInput => Prefix + InputFile;
    public string Request => Prefix + RequestFile;

    /// <summary>The claim a starter takes before it starts the run, so two deliveries of one upload start it once.</summary>
    public string Started => Prefix + StartedFile;
    public string Validation => ValidationUnder(Prefix);
    public string ShardsPrefix => Prefix + ShardsFolder;
    public string TrainPrefix => Prefix + TrainFolder;
    public string EvalPrefix => Prefix + EvalFolder;
    public string Job => Prefix + JobFile;
    public string Status => Prefix + StatusFile;
    public string Checkpoints => Prefix + CheckpointsFolder;
    public string EvalReport => Prefix + EvalReportFile;
    public string ReportHtml => Prefix + ReportHtmlFile;
    public string TrainingLog => Prefix + TrainingLogFile;
    public string Summary => Prefix + SummaryFile;
    public string Error => Prefix + ErrorFile;
    public string Model => $"{ModelsContainer}/{RunIds.Validate(RunId)}/";
    public string Onnx => Model + OnnxFile;

    public string Shard(int index) => ShardUnder(Prefix, index);
    public string Train(int index) => TrainUnder(Prefix, index);
    public string Eval(int index) => EvalUnder(Prefix, index);

    // The pairs data under any run prefix: the ingest pipeline is given its prefix (runs/{id}/ from
    // the workflow, a scratch folder from `pairtuner validate` and local training), not a run id.

    /// <summary><c>{runPrefix}validation.json</c>.</summary>
    public static string ValidationUnder(string runPrefix) => CheckPrefix(runPrefix) + ValidationFile;

    /// <summary><c>{runPrefix}shards/{index}.jsonl</c>.</summary>
    public static string ShardUnder(string runPrefix, int index) => Numbered(runPrefix, ShardsFolder, index);

    /// <summary><c>{runPrefix}train/{index}.jsonl</c>.</summary>
    public static string TrainUnder(string runPrefix, int index) => Numbered(runPrefix, TrainFolder, index);

    /// <summary><c>{runPrefix}eval/{index}.jsonl</c>.</summary>
    public static string EvalUnder(string runPrefix, int index) => Numbered(runPrefix, EvalFolder, index);

    /// <summary>Throws unless <paramref name="runPrefix"/> is an artifact folder, <c>container/...</c>, ending in <c>/</c>.</summary>
    public static string CheckPrefix(string runPrefix)
    {
        ArgumentNullException.ThrowIfNull(runPrefix);
        if (runPrefix.Length < 2 || !runPrefix.EndsWith('/') || runPrefix.StartsWith('/'))
        {
            throw new ArgumentException($"A run prefix is an artifact folder like 'runs/{{id}}/' ending in '/'; got '{runPrefix}'.", nameof(runPrefix));
        }

        return runPrefix;
    }

    private static string Numbered(string runPrefix, string folder, int index)
        => CheckPrefix(runPrefix) + folder + index.ToString(CultureInfo.InvariantCulture) + ".jsonl";
}
