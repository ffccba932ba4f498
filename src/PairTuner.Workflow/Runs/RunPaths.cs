namespace PairTuner.Workflow.Runs;

/// <summary>Artifact paths (<c>container/name</c>) of a run, as DESIGN.md's blob layout gives them.</summary>
public static class RunPaths
{
    public const string RunsContainer = "runs";
    public const string ModelsContainer = "models";

    /// <summary>
    /// Where inline pairs posted to the API are written and read from: under the run's own prefix,
    /// not in <c>pairs/</c>, so the blob triggers and the watcher never start a second run for them.
    /// </summary>
    public static string InlineInput(string runId) => Run(runId) + "input.jsonl";

    /// <summary>The run's prefix, <c>runs/{id}/</c>.</summary>
    public static string Run(string runId) => RunsContainer + "/" + RunIds.Validate(runId) + "/";

    /// <summary>The tuned model's prefix, <c>models/{id}/</c>.</summary>
    public static string Model(string runId) => ModelsContainer + "/" + RunIds.Validate(runId) + "/";

    public static string Summary(string runId) => Run(runId) + "summary.json";

    public static string EvalReport(string runId) => Run(runId) + "eval.json";

    public static string ReportHtml(string runId) => Run(runId) + "report.html";

    public static string Error(string runId) => Run(runId) + "error.json";

    public static string Validation(string runId) => Run(runId) + "validation.json";

    public static string Status(string runId) => Run(runId) + "status.json";
}
