using System.Diagnostics;
using PairTuner.Core.Pairs;

namespace PairTuner.Training.Evaluation;

/// <summary>
/// Evaluates a model on eval pairs the way the reference recipe would: retrieval with each text1
/// as a query over all distinct text2 (<see cref="RetrievalTask.FromPairs"/>), and, when pairs carry
/// scores, the cosine-vs-label correlations. Every distinct text is embedded once.
/// </summary>
public static class PairEvaluator
{
    public static EvaluationResult Evaluate(
        IReadOnlyList<Pair> pairs,
        ITextEmbedder embedder,
        PairEvaluationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(embedder);
        options ??= PairEvaluationOptions.Default;
        var clock = Stopwatch.StartNew();

        var task = RetrievalTask.FromPairs(pairs);
        var textIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = new List<string>();
        int IndexOf(string text)
        {
            if (!textIndex.TryGetValue(text, out var index))
            {
                index = texts.Count;
                textIndex.Add(text, index);
                texts.Add(text);
            }

            return index;
        }

        var queryRows = task.QueryTexts.Select(IndexOf).ToArray();
        var corpusRows = task.CorpusTexts.Select(IndexOf).ToArray();
        var embeddings = embedder.Embed(texts, cancellationToken);
        if (embeddings.Count != texts.Count)
        {
            throw new InvalidOperationException($"The embedder returned {embeddings.Count} rows for {texts.Count} texts.");
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var notes = new List<string>();
        var labelled = pairs.Where(static p => p.Score is not null).ToArray();
        var labels = LabelSource.None;
        double[] cosines = [];
        double[] labelValues = [];
        if (labelled.Length >= 2)
        {
            labels = options.LabelsSynthetic ? LabelSource.Synthetic : LabelSource.Gold;
            var first = embeddings.Gather(labelled.Select(p => textIndex[p.Text1]).ToArray());
            var second = embeddings.Gather(labelled.Select(p => textIndex[p.Text2]).ToArray());
            labelValues = labelled.Select(static p => p.Score!.Value).ToArray();
            cosines = EmbeddingSimilarityEvaluator.Cosines(first, second);
            var similarity = EmbeddingSimilarityEvaluator.Evaluate(first, second, labelValues);
            foreach (var (name, value) in similarity)
            {
                metrics[name] = value;
            }

            if (similarity.Count < 2)
            {
                notes.Add("spearman_cosine/pearson_cosine are undefined: the labels (or the cosines) are all equal.");
            }

            if (labelled.Length < pairs.Count)
            {
                notes.Add($"Only {labelled.Length} of {pairs.Count} pairs have a score; the correlations use those.");
            }

            if (labels == LabelSource.Synthetic)
            {
                notes.Add("labels: synthetic. The scores came from the formula 0.9 + (uniform - 0.5) / 20, not from people, "
                          + "so spearman_cosine and pearson_cosine measure nothing about the model; read the retrieval metrics.");
            }
        }
        else
        {
            notes.Add("The pairs carry no scores, so spearman_cosine and pearson_cosine are not reported.");
        }

        var retrieval = new InformationRetrievalEvaluator(task, options.Retrieval).EvaluatePerQuery(
            embeddings.Gather(queryRows),
            (start, count) => embeddings.Gather(corpusRows.AsSpan(start, count).ToArray()),
            cancellationToken);

        // Retrieval first, then the correlations: the order sentence-transformers users know.
        var ordered = new Dictionary<string, double>(retrieval.Metrics, StringComparer.Ordinal);
        foreach (var (name, value) in metrics)
        {
            ordered[name] = value;
        }

        return new EvaluationResult
        {
            Metrics = ordered,
            Labels = labels,
            Counts = new EvaluationCounts
            {
                Pairs = pairs.Count,
                LabelledPairs = labelled.Length,
                Queries = task.QueryTexts.Count,
                Corpus = task.CorpusTexts.Count,
            },
            Seconds = clock.Elapsed.TotalSeconds,
            Notes = notes,
            Details = new EvaluationDetails(task, retrieval, cosines, labelValues),
        };
    }
}
