using System.Text.Json;

namespace PairTuner.Workflow.Api;

/// <summary>The answer of <c>GET /runs/{id}</c>.</summary>
/// <param name="Id">The run id.</param>
/// <param name="Status">Durable's runtime status, camelCase: pending, running, completed, failed, terminated, suspended.</param>
/// <param name="Verdict">Once completed: improved, no measurable change or worse than base (base kept), with the selection metric's change, its 95% interval and the eval queries it rests on (<c>summary.json</c>'s <c>verdict</c>).</param>
/// <param name="Stage">The workflow's stage from its progress (ingest, scoring, training, ...), when it published one.</param>
/// <param name="Input">The pairs the run reads.</param>
/// <param name="CreatedAt">When the run was scheduled.</param>
/// <param name="LastUpdatedAt">When the orchestration last changed.</param>
/// <param name="Progress">The orchestration's custom status as the workflow publishes it (epoch, step, loss, ETA...).</param>
/// <param name="Outputs">Where the results are (only once the run completed).</param>
/// <param name="Summary">The orchestration's output (<c>summary.json</c>'s content) once completed.</param>
/// <param name="Error">Why the run failed, when it did.</param>
/// <param name="Links">Where to follow and manage the run.</param>
public sealed record RunView(
    string Id,
    string Status,
    JsonElement? Verdict,
    string? Stage,
    string? Input,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    JsonElement? Progress,
    RunOutputs? Outputs,
    JsonElement? Summary,
    RunFailure? Error,
    RunLinks Links);
