using PairTuner.Core.Pairs;
using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Tests.Evaluation;

public sealed class PairEvaluatorTests
{
    private static readonly Dictionary<string, float[]> Table = new()
    {
        ["x"] = [1f, 0f, 0f],
        ["y"] = [0f, 1f, 0f],
        ["z"] = [0f, 0f, 1f],
        ["a"] = [1f, 0.5f, 0f],   // x first
        ["b"] = [0.2f, 1f, 0f],   // y first, x second
        ["c"] = [0f, 1f, 0.1f],   // y first
        ["d"] = [0.5f, 0.4f, 0.3f], // x, y, then z third
    };

    [Fact]
    public void Duplicate_text2_becomes_one_document_relevant_to_every_query_that_names_it()
    {
        // "x" is text2 of two pairs: the corpus is {x, y, z}, and both a and b find x relevant.
        Pair[] pairs = [new("a", "x", 5), new("b", "x", 4), new("c", "y", 1), new("d", "z", 0)];
        var embedder = new TableEmbedder(Table);

        var result = PairEvaluator.Evaluate(pairs, embedder);
        var m = result.Metrics;

        Assert.Equal(4, result.Counts.Queries);
        Assert.Equal(3, result.Counts.Corpus);
        Assert.Equal(4, result.Counts.LabelledPairs);

        // Ranks of the relevant document: a 1, b 2, c 1, d 3.
        Assert.Equal(2 / 4.0, m["cosine_accuracy@1"], 12);
        Assert.Equal(4 / 4.0, m["cosine_accuracy@3"], 12);
        Assert.Equal(2 / 4.0, m["cosine_recall@1"], 12);
        Assert.Equal((1 + (1 / 2.0) + 1 + (1 / 3.0)) / 4, m["cosine_mrr@10"], 12);
        Assert.Equal((1 + (1 / Math.Log2(3)) + 1 + (1 / Math.Log2(4))) / 4, m["cosine_ndcg@10"], 12);
        Assert.Equal((1 + (1 / 2.0) + 1 + (1 / 3.0)) / 4, m["cosine_map@100"], 12);
        Assert.Equal(1 / 10.0, m["cosine_precision@10"], 12);

        // Every distinct text is embedded once, in one call.
        Assert.Equal(1, embedder.Calls);
        Assert.Equal([7], embedder.BatchSizes);
    }

    [Fact]
    public void Every_text2_of_a_group_is_relevant_to_each_query_of_the_group()
    {
        // b ranks y, x, z and a ranks x, y, z: each finds its own text2 second, the group's other first.
        Pair[] grouped = [new("b", "x", Group: "285"), new("a", "y", Group: "285"), new("d", "z")];
        Pair[] ungrouped = [.. grouped.Select(p => p with { Group = null })];

        var withGroups = PairEvaluator.Evaluate(grouped, new TableEmbedder(Table)).Metrics;
        var withoutGroups = PairEvaluator.Evaluate(ungrouped, new TableEmbedder(Table)).Metrics;

        // d's only relevant document, z, is third either way.
        Assert.Equal((1 + 1 + (1 / Math.Log2(4))) / 3, withGroups["cosine_ndcg@10"], 12);
        Assert.Equal(2 / 3.0, withGroups["cosine_accuracy@1"], 12);
        Assert.Equal((1 / 2.0) * 2 / 3, withGroups["cosine_recall@1"], 12);
        Assert.Equal(((2 / Math.Log2(3)) + (1 / Math.Log2(4))) / 3, withoutGroups["cosine_ndcg@10"], 12);
        Assert.Equal(0.0, withoutGroups["cosine_accuracy@1"], 12);
    }

    [Fact]
    public void Gold_labels_give_spearman_and_pearson_of_the_pair_cosines()
    {
        Pair[] pairs = [new("a", "x", 5), new("b", "x", 4), new("c", "y", 1), new("d", "z", 0)];

        var result = PairEvaluator.Evaluate(pairs, new TableEmbedder(Table));

        // Cosines: a-x 0.894, b-x 0.196, c-y 0.995, d-z 0.424 -> ranks 3, 1, 4, 2; labels rank 4, 3, 2, 1.
        // d = (-1, -2, 2, 1): rho = 1 - 6 * 10 / (4 * 15) = 0.
        Assert.Equal(LabelSource.Gold, result.Labels);
        Assert.Equal(0.0, result.Metrics["spearman_cosine"], 12);
        double[] cosines = [1 / Math.Sqrt(1.25), 0.2 / Math.Sqrt(1.04), 1 / Math.Sqrt(1.01), 0.3 / Math.Sqrt(0.5)];
        Assert.Equal(SimilarityMetrics.Pearson([5, 4, 1, 0], cosines), result.Metrics["pearson_cosine"], 6);
    }

    [Fact]
    public void The_same_text1_twice_is_one_query_with_both_text2_relevant()
    {
        Pair[] pairs = [new("b", "x"), new("b", "y"), new("d", "z")];

        var result = PairEvaluator.Evaluate(pairs, new TableEmbedder(Table));

        // b ranks y, x, z: both relevant at ranks 1-2, so b's AP is 1 and recall@1 is 1/2.
        Assert.Equal(2, result.Counts.Queries);
        Assert.Equal(((1 / 2.0) + 0) / 2, result.Metrics["cosine_recall@1"], 12);
        Assert.Equal((1 + (1 / 3.0)) / 2, result.Metrics["cosine_map@100"], 12);
    }

    [Fact]
    public void Without_scores_no_correlation_is_reported()
    {
        Pair[] pairs = [new("a", "x"), new("c", "y")];

        var result = PairEvaluator.Evaluate(pairs, new TableEmbedder(Table));

        Assert.Equal(LabelSource.None, result.Labels);
        Assert.False(result.Metrics.ContainsKey("spearman_cosine"));
        Assert.Contains(result.Notes, static n => n.Contains("no scores", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_labels_are_flagged()
    {
        Pair[] pairs = [new("a", "x", 0.91), new("b", "y", 0.88), new("c", "z", 0.9)];

        var result = PairEvaluator.Evaluate(pairs, new TableEmbedder(Table), new PairEvaluationOptions { LabelsSynthetic = true });

        Assert.Equal(LabelSource.Synthetic, result.Labels);
        Assert.True(result.Metrics.ContainsKey("spearman_cosine"));
        Assert.Contains(result.Notes, static n => n.StartsWith("labels: synthetic", StringComparison.Ordinal));
    }
}
