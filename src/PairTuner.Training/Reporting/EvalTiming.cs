namespace PairTuner.Training.Reporting;

/// <summary>Wall-clock seconds of each phase of a run.</summary>
public sealed record EvalTiming
{
    public double BaseEvaluationSeconds { get; init; }
    public double TrainingSeconds { get; init; }
    public double TunedEvaluationSeconds { get; init; }

    public double TotalSeconds => BaseEvaluationSeconds + TrainingSeconds + TunedEvaluationSeconds;
}
