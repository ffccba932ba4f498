using System.Diagnostics;

namespace PairTuner.Training.Evaluation.Beir;

/// <summary>Retrieval metrics of a model on a BEIR benchmark, corpus embedded chunk by chunk.</summary>
public static class BeirEvaluator
{
    public static EvaluationResult Evaluate(
        BeirDataset dataset,
        ITextEmbedder embedder,
        InformationRetrievalOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(embedder);
        var clock = Stopwatch.StartNew();
        var task = dataset.ToRetrievalTask();
        var metrics = new InformationRetrievalEvaluator(task, options).Evaluate(embedder, cancellationToken);
        var notes = new List<string>();
        if (task.MissingJudgedDocuments > 0)
        {
            notes.Add($"{task.MissingJudgedDocuments} relevance judgments name documents missing from corpus.jsonl; "
                      + "they count as relevant and can never be found, which lowers recall.");
        }

        return new EvaluationResult
        {
            Metrics = metrics,
            Labels = LabelSource.None,
            Counts = new EvaluationCounts
            {
                Queries = task.QueryTexts.Count,
                Corpus = task.CorpusTexts.Count,
                MissingJudgedDocuments = task.MissingJudgedDocuments,
            },
            Seconds = clock.Elapsed.TotalSeconds,
            Notes = notes,
        };
    }
}
