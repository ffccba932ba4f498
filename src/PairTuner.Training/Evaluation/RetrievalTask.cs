using PairTuner.Core.Pairs;

namespace PairTuner.Training.Evaluation;

/// <summary>
/// What a retrieval evaluation ranks: queries, a corpus and, per query, the corpus documents that
/// are relevant. Relevant indices at or beyond <see cref="CorpusTexts"/>'s count stand for judged
/// documents missing from the corpus (BEIR qrels sometimes name them): they can never be retrieved
/// but still count as relevant, as they do in sentence-transformers.
/// </summary>
public sealed class RetrievalTask
{
    private RetrievalTask(
        IReadOnlyList<string> queryIds,
        IReadOnlyList<string> queryTexts,
        IReadOnlyList<string> corpusIds,
        IReadOnlyList<string> corpusTexts,
        IReadOnlyList<IReadOnlySet<int>> relevant,
        int missingJudgedDocuments)
    {
        QueryIds = queryIds;
        QueryTexts = queryTexts;
        CorpusIds = corpusIds;
        CorpusTexts = corpusTexts;
        Relevant = relevant;
        MissingJudgedDocuments = missingJudgedDocuments;
    }

    public IReadOnlyList<string> QueryIds { get; }
    public IReadOnlyList<string> QueryTexts { get; }
    public IReadOnlyList<string> CorpusIds { get; }
    public IReadOnlyList<string> CorpusTexts { get; }

    /// <summary>Per query, the indices of its relevant corpus documents (never empty).</summary>
    public IReadOnlyList<IReadOnlySet<int>> Relevant { get; }

    /// <summary>Relevance judgments that name a document the corpus does not have.</summary>
    public int MissingJudgedDocuments { get; }

    /// <summary>
    /// Pairs as a retrieval task, the way sentence-transformers users build one from an eval split:
    /// each distinct text1 is a query, each distinct text2 a corpus document (exact text, so two
    /// pairs sharing a text2 share one document), and a query's relevant documents are the text2s
    /// of every pair with that text1. Pairs of one group (COCO's <c>image_id</c>) are positives of
    /// each other, as in training: every text2 of the group is relevant to each of its queries.
    /// Without that, a model that learned to bring an image's five captions together would be
    /// marked down for ranking the image's other captions above the one paired caption.
    /// </summary>
    public static RetrievalTask FromPairs(IReadOnlyList<Pair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("There are no pairs to evaluate.", nameof(pairs));
        }

        var corpusIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var corpusTexts = new List<string>();
        var queryIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var queryTexts = new List<string>();
        var relevant = new List<HashSet<int>>();
        var groups = new Dictionary<string, (HashSet<int> Queries, HashSet<int> Documents)>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            if (!corpusIndex.TryGetValue(pair.Text2, out var document))
            {
                document = corpusTexts.Count;
                corpusIndex.Add(pair.Text2, document);
                corpusTexts.Add(pair.Text2);
            }

            if (!queryIndex.TryGetValue(pair.Text1, out var query))
            {
                query = queryTexts.Count;
                queryIndex.Add(pair.Text1, query);
                queryTexts.Add(pair.Text1);
                relevant.Add([]);
            }

            relevant[query].Add(document);
            if (pair.Group is { } group)
            {
                if (!groups.TryGetValue(group, out var members))
                {
                    members = ([], []);
                    groups.Add(group, members);
                }

                members.Queries.Add(query);
                members.Documents.Add(document);
            }
        }

        foreach (var (queries, documents) in groups.Values)
        {
            foreach (var query in queries)
            {
                relevant[query].UnionWith(documents);
            }
        }

        return new RetrievalTask(
            Enumerable.Range(0, queryTexts.Count).Select(static i => $"q{i}").ToArray(),
            queryTexts,
            Enumerable.Range(0, corpusTexts.Count).Select(static i => $"d{i}").ToArray(),
            corpusTexts,
            relevant,
            missingJudgedDocuments: 0);
    }

    /// <summary>
    /// A task from ids and judgments (BEIR style). Queries without any relevant document are left
    /// out, as sentence-transformers does; judged ids missing from the corpus still count as relevant.
    /// </summary>
    public static RetrievalTask Create(
        IReadOnlyList<(string Id, string Text)> queries,
        IReadOnlyList<(string Id, string Text)> corpus,
        IReadOnlyDictionary<string, IReadOnlySet<string>> relevantByQuery)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(relevantByQuery);

        var corpusIndex = new Dictionary<string, int>(corpus.Count, StringComparer.Ordinal);
        for (var i = 0; i < corpus.Count; i++)
        {
            if (!corpusIndex.TryAdd(corpus[i].Id, i))
            {
                throw new ArgumentException($"Corpus id '{corpus[i].Id}' appears twice.", nameof(corpus));
            }
        }

        var missing = new Dictionary<string, int>(StringComparer.Ordinal);
        var queryIds = new List<string>();
        var queryTexts = new List<string>();
        var relevant = new List<IReadOnlySet<int>>();
        var missingJudgments = 0;
        foreach (var (id, text) in queries)
        {
            if (!relevantByQuery.TryGetValue(id, out var judged) || judged.Count == 0)
            {
                continue;
            }

            var set = new HashSet<int>();
            foreach (var documentId in judged)
            {
                if (corpusIndex.TryGetValue(documentId, out var document))
                {
                    set.Add(document);
                }
                else
                {
                    if (!missing.TryGetValue(documentId, out var placeholder))
                    {
                        placeholder = corpus.Count + missing.Count;
                        missing.Add(documentId, placeholder);
                    }

                    set.Add(placeholder);
                    missingJudgments++;
                }
            }

            queryIds.Add(id);
            queryTexts.Add(text);
            relevant.Add(set);
        }

        if (queryIds.Count == 0)
        {
            throw new ArgumentException("No query has a relevance judgment: there is nothing to evaluate.", nameof(relevantByQuery));
        }

        return new RetrievalTask(
            queryIds,
            queryTexts,
            corpus.Select(static d => d.Id).ToArray(),
            corpus.Select(static d => d.Text).ToArray(),
            relevant,
            missingJudgments);
    }
}
