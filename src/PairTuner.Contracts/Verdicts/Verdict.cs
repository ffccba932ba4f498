namespace PairTuner.Contracts.Verdicts;

/// <summary>
/// The one conclusion a run leads with (eval.json, summary.json, <c>pairtuner run</c>, the HTTP
/// status and report.html): the outcome, the selection metric's change on the whole eval split with
/// its 95% bootstrap interval, how many eval units (queries, or labelled pairs for a correlation)
/// it rests on, and which evaluation's weights were published.
/// </summary>
public sealed record Verdict
{
    public required VerdictOutcome Outcome { get; init; }

    /// <summary><c>improved</c>, <c>no measurable change</c> or <c>worse than base (base kept)</c>.</summary>
    public required string Text { get; init; }

    /// <summary>The selection metric, e.g. <c>cosine_ndcg@10</c>.</summary>
    public required string Metric { get; init; }

    public required double Base { get; init; }

    /// <summary>The trained weights' value (the kept step's, or the last step's when the base was kept).</summary>
    public required double Tuned { get; init; }

    /// <summary>Tuned minus base.</summary>
    public required double Change { get; init; }

    public required ConfidenceInterval Interval { get; init; }

    /// <summary>Eval queries (or labelled pairs, for spearman_cosine) the interval resamples.</summary>
    public required int Units { get; init; }

    /// <summary><c>queries</c> or <c>pairs</c>.</summary>
    public required string UnitName { get; init; }

    /// <summary>True below 30 units (the trainer's VerdictRules.MinimumUnits): the interval is then too rough to lean on.</summary>
    public bool Weak { get; init; }

    /// <summary>True when the published model is the base model.</summary>
    public bool BaseKept { get; init; }

    /// <summary>The training step whose weights were published; 0 is the base model.</summary>
    public long KeptStep { get; init; }

    public int Resamples { get; init; }

    /// <summary>The verdict as one line for people.</summary>
    public required string Summary { get; init; }
}
