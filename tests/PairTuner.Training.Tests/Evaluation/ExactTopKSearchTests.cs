using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Tests.Evaluation;

public sealed class ExactTopKSearchTests
{
    [Fact]
    public void Chunked_search_equals_a_full_sort_of_every_score()
    {
        var random = new Random(7);
        var queries = RandomMatrix(random, 9, 16);
        var corpus = RandomMatrix(random, 203, 16);
        var expected = BruteForce(queries, corpus, 10);

        var search = new ExactTopKSearch(Copy(queries), 10);
        for (var start = 0; start < corpus.Count; start += 17)
        {
            var rows = Enumerable.Range(start, Math.Min(17, corpus.Count - start)).ToArray();
            search.AddChunk(corpus.Gather(rows));
        }

        var actual = search.Rankings();
        Assert.Equal(corpus.Count, search.DocumentsSeen);
        for (var q = 0; q < queries.Count; q++)
        {
            Assert.Equal(expected[q], actual[q].Select(static d => d.Document).ToArray());
            Assert.True(actual[q].Zip(actual[q].Skip(1)).All(static p => p.First.Score >= p.Second.Score));
        }
    }

    [Fact]
    public void Ties_rank_the_earlier_corpus_document_first_and_survive_chunk_boundaries()
    {
        // Documents 1, 3 and 4 are the same vector (cosine 1 with the query); 0 and 2 are worse.
        var query = EmbeddingMatrix.FromRows([[1f, 0f]]);
        float[][] documents = [[0f, 1f], [2f, 0f], [1f, 1f], [3f, 0f], [1f, 0f]];
        var search = new ExactTopKSearch(query, 2);
        search.AddChunk(EmbeddingMatrix.FromRows(documents[..2]));
        search.AddChunk(EmbeddingMatrix.FromRows(documents[2..]));

        var ranking = search.Rankings()[0];

        // k = 2 keeps two of the three tied documents: the two earliest, in corpus order.
        Assert.Equal([1, 3], ranking.Select(static d => d.Document).ToArray());
        Assert.All(ranking, static d => Assert.Equal(1f, d.Score, 5));
    }

    [Fact]
    public void A_zero_vector_scores_zero_instead_of_nan()
    {
        var search = new ExactTopKSearch(EmbeddingMatrix.FromRows([[1f, 0f]]), 3);
        search.AddChunk(EmbeddingMatrix.FromRows([[0f, 0f], [-1f, 0f], [1f, 1f]]));

        var ranking = search.Rankings()[0];

        Assert.Equal([2, 0, 1], ranking.Select(static d => d.Document).ToArray());
        Assert.Equal(0f, ranking[1].Score);
    }

    [Fact]
    public void Dimension_mismatch_is_refused()
    {
        var search = new ExactTopKSearch(EmbeddingMatrix.FromRows([[1f, 0f]]), 3);
        Assert.Throws<ArgumentException>(() => search.AddChunk(EmbeddingMatrix.FromRows([[1f, 0f, 0f]])));
    }

    private static EmbeddingMatrix RandomMatrix(Random random, int count, int dimension)
    {
        var values = new float[count * dimension];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return EmbeddingMatrix.Wrap(values, dimension);
    }

    private static EmbeddingMatrix Copy(EmbeddingMatrix matrix) => matrix.Gather(Enumerable.Range(0, matrix.Count).ToArray());

    private static int[][] BruteForce(EmbeddingMatrix queries, EmbeddingMatrix corpus, int k)
    {
        static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            double dot = 0, na = 0, nb = 0;
            for (var i = 0; i < a.Length; i++)
            {
                dot += a[i] * (double)b[i];
                na += a[i] * (double)a[i];
                nb += b[i] * (double)b[i];
            }

            return dot / Math.Sqrt(na * nb);
        }

        return Enumerable.Range(0, queries.Count)
            .Select(q => Enumerable.Range(0, corpus.Count)
                .OrderByDescending(d => Cosine(queries.Row(q), corpus.Row(d)))
                .ThenBy(static d => d)
                .Take(k)
                .ToArray())
            .ToArray();
    }
}
