namespace PairTuner.Training.Reporting;

/// <summary>
/// One evaluation of the eval split during a run: before training (step 0), after each epoch and
/// every <c>evalSteps</c> steps. The selection metric's best one decides which weights are published.
/// </summary>
public sealed record TrainingEvaluation
{
    /// <summary>Optimizer steps done when it ran; 0 is the base model.</summary>
    public required long Step { get; init; }

    /// <summary>Epochs done, fractional between epoch ends (1.5: half-way through the second).</summary>
    public required double Epoch { get; init; }

    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Eval pairs it used: the whole split, or the fixed sample above <c>maxEvalPairs</c>.</summary>
    public int EvalPairs { get; init; }

    public double Seconds { get; init; }
}
