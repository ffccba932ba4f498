using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Tests.Evaluation;

/// <summary>Embeddings looked up in a hand-written table, so metric tests know every score exactly.</summary>
internal sealed class TableEmbedder(IReadOnlyDictionary<string, float[]> table) : ITextEmbedder
{
    public int Calls { get; private set; }

    public List<int> BatchSizes { get; } = [];

    public EmbeddingMatrix Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Calls++;
        BatchSizes.Add(texts.Count);
        var dimension = table.Values.First().Length;
        var matrix = EmbeddingMatrix.Create(texts.Count, dimension);
        for (var i = 0; i < texts.Count; i++)
        {
            table[texts[i]].CopyTo(matrix.Row(i));
        }

        return matrix;
    }
}
