namespace PairTuner.Workflow.Runs;

/// <summary>
/// Every artifact path of one run (docs/design.md's blob layout), as <c>container/name</c>. One place
/// for the layout, so the orchestration, the activities, the trainer's job and the tests agree.
/// </summary>
public sealed record RunPaths(string RunId)
{
    public const string PairsContainer = "pairs";
    public const string RunsContainer = "runs";
    public const string ModelsContainer = "models";

    public string Prefix => $"{RunsContainer}/{RunIds.Validate(RunId)}/";

    /// <summary>
    /// Where inline pairs posted to the API are written and read from: under the run's own prefix,
    /// not in <c>pairs/</c>, so the blob triggers and the watcher never start a second run for them.
    /// </summary>
    public string InlineInput => Prefix + "input.jsonl";
    public string Request => Prefix + "request.json";
    public string Validation => Prefix + "validation.json";
    public string ShardsPrefix => Prefix + "shards/";
    public string TrainPrefix => Prefix + "train/";
    public string EvalPrefix => Prefix + "eval/";
    public string Job => Prefix + "job.json";
    public string Status => Prefix + "status.json";
    public string Checkpoints => Prefix + "checkpoints/";
    public string EvalReport => Prefix + "eval.json";
    public string ReportHtml => Prefix + "report.html";
    public string TrainingLog => Prefix + "training_log.jsonl";
    public string Summary => Prefix + "summary.json";
    public string Error => Prefix + "error.json";
    public string Model => $"{ModelsContainer}/{RunIds.Validate(RunId)}/";
    public string Onnx => Model + "onnx/model.onnx";

    public string Shard(int index) => $"{ShardsPrefix}{index}.jsonl";
    public string Train(int index) => $"{TrainPrefix}{index}.jsonl";
    public string Eval(int index) => $"{EvalPrefix}{index}.jsonl";
}
