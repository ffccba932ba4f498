namespace PairTuner.Contracts.Jobs;

/// <summary>One evaluation during training as progress shows it: when, and the selection metric's value.</summary>
public sealed record EvaluationMark
{
    /// <summary>Steps done; 0 is the base model, before training.</summary>
    public required long Step { get; init; }

    /// <summary>Epochs done, fractional between epoch ends.</summary>
    public required double Epoch { get; init; }

    /// <summary>The selection metric's value.</summary>
    public required double Value { get; init; }

    /// <summary>
    /// The marks progress carries: the base model's and the newest ones, at most
    /// <paramref name="limit"/> in all, so status.json and the orchestration's custom status stay
    /// small however often a run evaluates (eval.json keeps every evaluation).
    /// </summary>
    public static IReadOnlyList<EvaluationMark> Recent(IReadOnlyList<EvaluationMark> marks, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        return marks.Count <= limit ? marks : [marks[0], .. marks.Skip(marks.Count - (limit - 1))];
    }
}
