namespace PairTuner.Training.Reporting;

/// <summary>Wall-clock seconds of each phase of a run.</summary>
public sealed record EvalTiming
{
    public double BaseEvaluationSeconds { get; init; }
    public double TrainingSeconds { get; init; }

    /// <summary>Of <see cref="TrainingSeconds"/>, the evaluations during training (kept to about a tenth by <c>maxEvalPairs</c>).</summary>
    public double EvaluationsDuringTrainingSeconds { get; init; }
    public double TunedEvaluationSeconds { get; init; }

    public double TotalSeconds => BaseEvaluationSeconds + TrainingSeconds + TunedEvaluationSeconds;
}
