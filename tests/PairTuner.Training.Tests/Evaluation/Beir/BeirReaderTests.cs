using PairTuner.Training.Evaluation;
using PairTuner.Training.Evaluation.Beir;

namespace PairTuner.Training.Tests.Evaluation.Beir;

public sealed class BeirReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pairtuner-beir-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Reads_a_beir_folder_and_evaluates_binary_relevance()
    {
        WriteFolder(
            corpus:
            [
                """{"_id": "d1", "title": "Cats", "text": "purr", "metadata": {}}""",
                """{"_id": "d2", "title": "", "text": "bark"}""",
                """{"_id": "d3", "text": "moo"}""",
            ],
            queries:
            [
                """{"_id": "q1", "text": "kitten"}""",
                """{"_id": "q2", "text": "puppy"}""",
                """{"_id": "q3", "text": "unjudged"}""",
            ],
            qrels: ["query-id\tcorpus-id\tscore", "q1\td1\t1", "q1\td3\t0", "q2\td2\t2", "q2\tgone\t1"]);

        var dataset = BeirReader.Read(_folder, "test");

        Assert.Equal(["Cats purr", "bark", "moo"], dataset.Corpus.Select(static d => d.SearchText));
        Assert.Equal(3, dataset.Queries.Count);

        var embedder = new TableEmbedder(new Dictionary<string, float[]>
        {
            ["Cats purr"] = [1f, 0f, 0f],
            ["bark"] = [0f, 1f, 0f],
            ["moo"] = [0f, 0f, 1f],
            ["kitten"] = [0.9f, 0.1f, 0.5f],  // d1, d3, d2
            ["puppy"] = [0f, 0.2f, 1f],       // d3, d2, d1
            ["unjudged"] = [1f, 1f, 1f],
        });
        var result = BeirEvaluator.Evaluate(dataset, embedder, InformationRetrievalOptions.Default with { CorpusChunkSize = 2 });

        // q3 has no judgment and is left out; d3 (score 0) is not relevant to q1; "gone" is relevant
        // to q2 but missing from the corpus: q2 has 2 relevant, finds 1 at rank 2.
        Assert.Equal(2, result.Counts.Queries);
        Assert.Equal(3, result.Counts.Corpus);
        Assert.Equal(1, result.Counts.MissingJudgedDocuments);
        Assert.Equal((1 + 0) / 2.0, result.Metrics["cosine_accuracy@1"], 12);
        Assert.Equal((1 + 0.5) / 2, result.Metrics["cosine_mrr@10"], 12);
        Assert.Equal((1 + 0.5) / 2, result.Metrics["cosine_recall@10"], 12);
        Assert.Equal((1 + ((1 / Math.Log2(3)) / (1 + (1 / Math.Log2(3))))) / 2, result.Metrics["cosine_ndcg@10"], 12);
        Assert.Equal((1 + (0.5 / 2)) / 2, result.Metrics["cosine_map@100"], 12);

        // The corpus went through the embedder in chunks of 2 (after the 2 queries).
        Assert.Equal([2, 2, 1], embedder.BatchSizes);
    }

    [Fact]
    public void Bad_json_names_the_file_and_line()
    {
        WriteFolder(["""{"_id": "d1", "text": "a"}""", "{not json"], ["""{"_id": "q1", "text": "q"}"""], ["query-id\tcorpus-id\tscore"]);

        var error = Assert.Throws<BeirFormatException>(() => BeirReader.Read(_folder));

        Assert.EndsWith("corpus.jsonl", error.File);
        Assert.Equal(2, error.Line);
        Assert.Contains("corpus.jsonl:2:", error.Message);
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        WriteFolder(["""{"_id": "d1", "text": "a"}"""], ["""{"_id": "q1", "body": "q"}"""], ["query-id\tcorpus-id\tscore"]);

        var error = Assert.Throws<BeirFormatException>(() => BeirReader.Read(_folder));

        Assert.EndsWith("queries.jsonl", error.File);
        Assert.Equal(1, error.Line);
        Assert.Equal("text", error.Field);
        Assert.Contains("field 'text': is missing", error.Message);
    }

    [Fact]
    public void A_bad_qrels_score_names_line_and_column()
    {
        WriteFolder(["""{"_id": "d1", "text": "a"}"""], ["""{"_id": "q1", "text": "q"}"""], ["query-id\tcorpus-id\tscore", "q1\td1\t1", "q1\td1\thigh"]);

        var error = Assert.Throws<BeirFormatException>(() => BeirReader.Read(_folder));

        Assert.Equal(3, error.Line);
        Assert.Equal("score", error.Field);
        Assert.Contains("test.tsv:3: field 'score'", error.Message);
    }

    [Fact]
    public void A_missing_split_lists_the_splits_there_are()
    {
        WriteFolder(["""{"_id": "d1", "text": "a"}"""], ["""{"_id": "q1", "text": "q"}"""], ["query-id\tcorpus-id\tscore"]);

        var error = Assert.Throws<FileNotFoundException>(() => BeirReader.Read(_folder, "dev"));

        Assert.Contains("splits here: test", error.Message);
    }

    private void WriteFolder(string[] corpus, string[] queries, string[] qrels)
    {
        File.WriteAllLines(Path.Combine(_folder, "corpus.jsonl"), corpus);
        File.WriteAllLines(Path.Combine(_folder, "queries.jsonl"), queries);
        Directory.CreateDirectory(Path.Combine(_folder, "qrels"));
        File.WriteAllLines(Path.Combine(_folder, "qrels", "test.tsv"), qrels);
    }
}
