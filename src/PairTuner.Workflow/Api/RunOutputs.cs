using PairTuner.Contracts.Runs;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Api;

/// <summary>Artifact paths (<c>container/name</c>) of a completed run's results.</summary>
public sealed record RunOutputs(string Model, string Onnx, string Eval, string Report, string Summary)
{
    public static RunOutputs Of(string runId) => new(
        new RunPaths(runId).Model,
        new RunPaths(runId).Onnx,
        new RunPaths(runId).EvalReport,
        new RunPaths(runId).ReportHtml,
        new RunPaths(runId).Summary);
}
