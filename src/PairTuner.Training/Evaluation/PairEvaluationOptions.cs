namespace PairTuner.Training.Evaluation;

/// <summary>How <see cref="PairEvaluator"/> evaluates a pairs file.</summary>
public sealed record PairEvaluationOptions
{
    public InformationRetrievalOptions Retrieval { get; init; } = InformationRetrievalOptions.Default;

    /// <summary>True when the pairs' scores came from the labelling formula, not from people.</summary>
    public bool LabelsSynthetic { get; init; }

    public static PairEvaluationOptions Default { get; } = new();
}
