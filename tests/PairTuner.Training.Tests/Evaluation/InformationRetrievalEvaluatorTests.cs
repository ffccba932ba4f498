using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Tests.Evaluation;

public sealed class InformationRetrievalEvaluatorTests
{
    [Fact]
    public void Metrics_do_not_depend_on_the_corpus_chunk_size()
    {
        // 40 queries over 300 documents; query i's relevant documents are i and i + 100 (noisy copies).
        var random = new Random(11);
        var table = new Dictionary<string, float[]>();
        float[] Noisy(float[] v) => v.Select(x => x + (float)((random.NextDouble() - 0.5) * 0.2)).ToArray();
        var documents = Enumerable.Range(0, 300).Select(i => $"doc{i}").ToArray();
        foreach (var d in documents)
        {
            table[d] = Enumerable.Range(0, 8).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        }

        var queries = Enumerable.Range(0, 40).Select(i => (Id: $"q{i}", Text: $"query{i}")).ToArray();
        foreach (var (id, text) in queries)
        {
            table[text] = Noisy(table[$"doc{int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture)}"]);
        }

        var relevant = queries.ToDictionary(
            q => q.Id,
            q => (IReadOnlySet<string>)new HashSet<string> { $"d{q.Id[1..]}", $"d{int.Parse(q.Id[1..], System.Globalization.CultureInfo.InvariantCulture) + 100}" });
        var task = RetrievalTask.Create(queries, documents.Select((d, i) => ($"d{i}", d)).ToArray(), relevant);

        var whole = new InformationRetrievalEvaluator(task).Evaluate(new TableEmbedder(table));
        var chunked = new InformationRetrievalEvaluator(task, InformationRetrievalOptions.Default with { CorpusChunkSize = 7 })
            .Evaluate(new TableEmbedder(table));

        Assert.Equal(whole.Keys, chunked.Keys);
        foreach (var (name, value) in whole)
        {
            Assert.Equal(value, chunked[name], 12);
        }

        // The noisy copy is close to its source: found first most of the time, never worse than chance.
        Assert.True(whole["cosine_accuracy@1"] > 0.5, $"accuracy@1 {whole["cosine_accuracy@1"]}");
        Assert.True(whole["cosine_recall@10"] < 1.0, "the second relevant document is random and should often be missed");
    }
}
