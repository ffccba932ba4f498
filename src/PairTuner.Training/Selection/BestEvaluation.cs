using PairTuner.Training.Reporting;

namespace PairTuner.Training.Selection;

/// <summary>
/// sentence-transformers' <c>load_best_model_at_end</c> bookkeeping: every evaluation of a run in
/// order, and the best by one metric (higher is better; a tie keeps the earlier, so the base model
/// at step 0 wins over a trained step that merely equals it).
/// </summary>
public sealed class BestEvaluation
{
    private readonly List<TrainingEvaluation> _all = [];

    public BestEvaluation(string metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        Metric = metric;
    }

    public string Metric { get; }

    public IReadOnlyList<TrainingEvaluation> All => _all;

    public TrainingEvaluation? Best { get; private set; }

    /// <summary>Records an evaluation; true when it is the new best.</summary>
    public bool Add(TrainingEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (!evaluation.Metrics.TryGetValue(Metric, out var value))
        {
            throw new ArgumentException($"The evaluation at step {evaluation.Step} has no {Metric}.", nameof(evaluation));
        }

        _all.Add(evaluation);
        if (Best is null || value > Best.Metrics[Metric])
        {
            Best = evaluation;
            return true;
        }

        return false;
    }
}
