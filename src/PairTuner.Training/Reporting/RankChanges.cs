using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Reporting;

/// <summary>
/// What tuning did to the eval queries, in examples: the queries whose positive rose most in rank
/// and those whose positive fell most. A query's positive is its first pair's text2; a rank beyond
/// the rankings' depth counts as one past it.
/// </summary>
public sealed record RankChanges
{
    public IReadOnlyList<RankChange> Rose { get; init; } = [];
    public IReadOnlyList<RankChange> Fell { get; init; } = [];

    public static RankChanges Compare(EvaluationResult baseResult, EvaluationResult tunedResult, int max = 10)
    {
        ArgumentNullException.ThrowIfNull(baseResult);
        ArgumentNullException.ThrowIfNull(tunedResult);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 0);
        if (baseResult.Details is not { } before || tunedResult.Details is not { } after)
        {
            return new RankChanges();
        }

        var task = before.Task;
        var depth = before.Retrieval.Rankings.Select(static r => r.Count).DefaultIfEmpty(0).Max();
        var moves = new List<(int Move, RankChange Change)>();
        for (var q = 0; q < task.QueryTexts.Count; q++)
        {
            var positive = task.Relevant[q].Min();
            var baseRanking = before.Retrieval.Rankings[q];
            var tunedRanking = after.Retrieval.Rankings[q];
            if (baseRanking.Count == 0 || tunedRanking.Count == 0 || positive >= task.CorpusTexts.Count)
            {
                continue;
            }

            var baseRank = RankOf(baseRanking, positive);
            var tunedRank = RankOf(tunedRanking, positive);
            var move = (baseRank ?? depth + 1) - (tunedRank ?? depth + 1);
            if (move == 0)
            {
                continue;
            }

            moves.Add((move, new RankChange
            {
                Query = task.QueryTexts[q],
                Positive = task.CorpusTexts[positive],
                BaseRank = baseRank,
                TunedRank = tunedRank,
                BaseTopHit = task.CorpusTexts[baseRanking[0]],
                TunedTopHit = task.CorpusTexts[tunedRanking[0]],
            }));
        }

        // A stable sort: among equal moves, eval order.
        return new RankChanges
        {
            Rose = moves.Where(static m => m.Move > 0).OrderByDescending(static m => m.Move).Take(max).Select(static m => m.Change).ToArray(),
            Fell = moves.Where(static m => m.Move < 0).OrderBy(static m => m.Move).Take(max).Select(static m => m.Change).ToArray(),
        };
    }

    private static int? RankOf(IReadOnlyList<int> ranking, int document)
    {
        for (var i = 0; i < ranking.Count; i++)
        {
            if (ranking[i] == document)
            {
                return i + 1;
            }
        }

        return null;
    }
}
