namespace PairTuner.Training.Reporting;

/// <summary>
/// One eval query whose positive moved: where the base model and the tuned one ranked it (1 is the
/// top; null beyond the deepest cut-off kept, 100), and what each put first.
/// </summary>
public sealed record RankChange
{
    public required string Query { get; init; }
    public required string Positive { get; init; }
    public int? BaseRank { get; init; }
    public int? TunedRank { get; init; }
    public required string BaseTopHit { get; init; }
    public required string TunedTopHit { get; init; }
}
