using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Api;

/// <summary>Artifact paths (<c>container/name</c>) of a completed run's results.</summary>
public sealed record RunOutputs(string Model, string Onnx, string Eval, string Report, string Summary)
{
    public static RunOutputs Of(string runId) => new(
        RunPaths.Model(runId),
        RunPaths.Model(runId) + "onnx/model.onnx",
        RunPaths.EvalReport(runId),
        RunPaths.ReportHtml(runId),
        RunPaths.Summary(runId));
}
