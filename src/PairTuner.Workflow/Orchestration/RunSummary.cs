using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Verdicts;

namespace PairTuner.Workflow.Orchestration;

/// <summary>
/// <c>runs/{id}/summary.json</c> and the orchestration's output: what was trained on, where the
/// model and the evaluation are, the verdict, and the metrics of the base and the tuned model.
/// </summary>
public sealed record RunSummary
{
    public required string RunId { get; init; }

    /// <summary>The pairs blob, e.g. <c>pairs/tickets.jsonl</c>.</summary>
    public required string Input { get; init; }

    /// <summary><see cref="RunStage.Completed"/> or <see cref="RunStage.Cancelled"/>.</summary>
    public required RunStage Status { get; init; }

    /// <summary>Whether tuning paid off, copied from <c>eval.json</c>: improved, no measurable change or worse than base (base kept).</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>The recipe the training settings started from.</summary>
    public Recipe? Recipe { get; init; }

    public long Pairs { get; init; }
    public long RejectedRows { get; init; }
    public long TrainPairs { get; init; }
    public long EvalPairs { get; init; }
    public int Shards { get; init; }

    /// <summary>True when the labels came from the formula, not from scores in the file.</summary>
    public bool LabelsSynthetic { get; init; }

    /// <summary>Model folder prefix, <c>models/{id}/</c> (null when the run did not finish).</summary>
    public string? Model { get; init; }

    /// <summary><c>models/{id}/onnx/model.onnx</c>.</summary>
    public string? Onnx { get; init; }

    public string? EvalReport { get; init; }
    public string? ReportHtml { get; init; }

    /// <summary>How many times the trainer was started (relaunches after it died included).</summary>
    public int TrainerAttempts { get; init; }

    /// <summary>Headline metrics by sentence-transformers' name, base vs tuned, copied from <c>eval.json</c>.</summary>
    public IReadOnlyDictionary<string, MetricComparison> Metrics { get; init; } = new Dictionary<string, MetricComparison>();

    public DateTime StartedAt { get; init; }
    public DateTime FinishedAt { get; init; }
}
