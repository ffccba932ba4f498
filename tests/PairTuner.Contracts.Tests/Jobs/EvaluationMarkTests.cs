using PairTuner.Contracts.Jobs;

namespace PairTuner.Contracts.Tests.Jobs;

public sealed class EvaluationMarkTests
{
    [Fact]
    public void Progress_keeps_the_base_evaluation_and_the_newest_ones()
    {
        var marks = Enumerable.Range(0, 30).Select(i => new EvaluationMark { Step = i * 10, Epoch = i, Value = i / 100.0 }).ToArray();

        var recent = EvaluationMark.Recent(marks, limit: 5);

        Assert.Equal([0L, 260, 270, 280, 290], recent.Select(m => m.Step));
        Assert.Same(marks.Take(3).ToArray()[1], EvaluationMark.Recent(marks.Take(3).ToArray(), limit: 5)[1]);
    }
}
