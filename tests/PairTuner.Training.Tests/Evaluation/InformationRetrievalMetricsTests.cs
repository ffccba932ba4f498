using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Tests.Evaluation;

public sealed class InformationRetrievalMetricsTests
{
    private static readonly double Log2Of3 = Math.Log2(3);
    private static readonly double Log2Of5 = Math.Log2(5);

    [Fact]
    public void Two_queries_match_hand_computed_values()
    {
        // q0: relevant {2, 5}, found at ranks 2 and 4. q1: relevant {0}, found at rank 1.
        int[][] rankings = [[1, 2, 3, 5, 4, 6, 7, 8, 9, 10, 11], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]];
        IReadOnlySet<int>[] relevant = [new HashSet<int> { 2, 5 }, new HashSet<int> { 0 }];

        var m = InformationRetrievalMetrics.Compute(rankings, relevant);

        Assert.Equal((0 + 1) / 2.0, m["cosine_accuracy@1"], 12);
        Assert.Equal((1 + 1) / 2.0, m["cosine_accuracy@3"], 12);
        Assert.Equal((0 + 1) / 2.0, m["cosine_precision@1"], 12);
        Assert.Equal(((1 / 3.0) + (1 / 3.0)) / 2, m["cosine_precision@3"], 12);
        Assert.Equal(((2 / 5.0) + (1 / 5.0)) / 2, m["cosine_precision@5"], 12);
        Assert.Equal(((2 / 10.0) + (1 / 10.0)) / 2, m["cosine_precision@10"], 12);
        Assert.Equal((0 + 1) / 2.0, m["cosine_recall@1"], 12);
        Assert.Equal((0.5 + 1) / 2.0, m["cosine_recall@3"], 12);
        Assert.Equal((1 + 1) / 2.0, m["cosine_recall@5"], 12);
        Assert.Equal((0.5 + 1) / 2, m["cosine_mrr@10"], 12);

        // DCG = 1/log2(3) + 1/log2(5); IDCG (2 relevant) = 1 + 1/log2(3).
        var ndcg0 = ((1 / Log2Of3) + (1 / Log2Of5)) / (1 + (1 / Log2Of3));
        Assert.Equal((ndcg0 + 1) / 2, m["cosine_ndcg@10"], 12);
        Assert.Equal(0.650919, ndcg0, 5);

        // AP = (1/2 + 2/4) / min(100, 2).
        Assert.Equal((0.5 + 1) / 2, m["cosine_map@100"], 12);
    }

    [Fact]
    public void Metric_names_are_sentence_transformers_names_in_its_order()
    {
        var m = InformationRetrievalMetrics.Compute([[0]], [new HashSet<int> { 0 }]);

        Assert.Equal(
            [
                "cosine_accuracy@1", "cosine_accuracy@3", "cosine_accuracy@5", "cosine_accuracy@10",
                "cosine_precision@1", "cosine_recall@1", "cosine_precision@3", "cosine_recall@3",
                "cosine_precision@5", "cosine_recall@5", "cosine_precision@10", "cosine_recall@10",
                "cosine_ndcg@10", "cosine_mrr@10", "cosine_map@100",
            ],
            m.Keys.ToArray());
    }

    [Fact]
    public void Precision_divides_by_k_even_when_the_corpus_is_smaller()
    {
        // Two documents only: precision@10 is 1/10, not 1/2 (sentence-transformers divides by k).
        var m = InformationRetrievalMetrics.Compute([[0, 1]], [new HashSet<int> { 0 }]);

        Assert.Equal(0.1, m["cosine_precision@10"], 12);
        Assert.Equal(1.0, m["cosine_recall@10"], 12);
    }

    [Fact]
    public void Map_normalizes_by_min_of_k_and_relevant_count()
    {
        // 3 relevant docs, only the first retrieved at rank 1. With k = 1: AP = 1 / min(1, 3) = 1.
        // With k = 100: AP = 1 / min(100, 3) = 1/3.
        var options = InformationRetrievalOptions.Default with { MapAtK = [1, 100] };
        var m = InformationRetrievalMetrics.Compute([[0, 5, 6, 7]], [new HashSet<int> { 0, 1, 2 }], options);

        Assert.Equal(1.0, m["cosine_map@1"], 12);
        Assert.Equal(1 / 3.0, m["cosine_map@100"], 12);
    }

    [Fact]
    public void Ndcg_ideal_dcg_counts_at_most_k_relevant_documents()
    {
        // 12 relevant documents, the top 10 all relevant: a perfect ranking at 10 gives NDCG 1,
        // which needs IDCG to stop at k (not sum 12 terms).
        var ranking = Enumerable.Range(0, 12).ToArray();
        var m = InformationRetrievalMetrics.Compute([ranking], [Enumerable.Range(0, 12).ToHashSet()]);

        Assert.Equal(1.0, m["cosine_ndcg@10"], 12);
        Assert.Equal(10 / 12.0, m["cosine_recall@10"], 12);
    }

    [Fact]
    public void A_relevant_document_beyond_the_cutoff_scores_nothing()
    {
        var ranking = Enumerable.Range(1, 11).Append(0).ToArray();
        var m = InformationRetrievalMetrics.Compute([ranking], [new HashSet<int> { 0 }]);

        Assert.Equal(0.0, m["cosine_accuracy@10"]);
        Assert.Equal(0.0, m["cosine_mrr@10"]);
        Assert.Equal(0.0, m["cosine_ndcg@10"]);
        Assert.Equal(1 / 12.0, m["cosine_map@100"], 12);
    }

    [Fact]
    public void A_query_without_relevant_documents_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => InformationRetrievalMetrics.Compute([[0]], [new HashSet<int>()]));
        Assert.Contains("no relevant document", error.Message);
    }
}
