using System.Numerics.Tensors;

namespace PairTuner.Training.Evaluation;

/// <summary>
/// A block of embeddings, one row per text, stored row-major in one array so that a chunk of a
/// large corpus costs one allocation and rows can be handed to SIMD kernels as spans.
/// </summary>
public sealed class EmbeddingMatrix
{
    private readonly float[] _values;

    private EmbeddingMatrix(float[] values, int count, int dimension)
    {
        _values = values;
        Count = count;
        Dimension = dimension;
    }

    public int Count { get; }

    public int Dimension { get; }

    /// <summary>All rows, row-major.</summary>
    public ReadOnlySpan<float> Values => _values.AsSpan(0, Count * Dimension);

    /// <summary>An all-zero matrix to be filled row by row.</summary>
    public static EmbeddingMatrix Create(int count, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        return new EmbeddingMatrix(new float[checked(count * dimension)], count, dimension);
    }

    /// <summary>Takes ownership of <paramref name="values"/> (row-major, <c>count x dimension</c>).</summary>
    public static EmbeddingMatrix Wrap(float[] values, int dimension)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (values.Length % dimension != 0)
        {
            throw new ArgumentException($"{values.Length} values do not make whole rows of {dimension}.", nameof(values));
        }

        return new EmbeddingMatrix(values, values.Length / dimension, dimension);
    }

    public static EmbeddingMatrix FromRows(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one row is needed to know the dimension.", nameof(rows));
        }

        var matrix = Create(rows.Count, rows[0].Length);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != matrix.Dimension)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Length} values; row 0 has {matrix.Dimension}.", nameof(rows));
            }

            rows[i].CopyTo(matrix.Row(i));
        }

        return matrix;
    }

    public Span<float> Row(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _values.AsSpan(index * Dimension, Dimension);
    }

    /// <summary>
    /// Scales every row to unit length so that a dot product is the cosine. A zero row stays zero
    /// (cosine 0 with everything) instead of turning into NaNs that would poison the rankings.
    /// </summary>
    public void NormalizeRows()
    {
        for (var i = 0; i < Count; i++)
        {
            var row = Row(i);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0f && float.IsFinite(norm))
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }
    }

    /// <summary>Copies the rows <paramref name="indices"/> into a new matrix, in that order.</summary>
    public EmbeddingMatrix Gather(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var result = Create(indices.Count, Dimension);
        for (var i = 0; i < indices.Count; i++)
        {
            Row(indices[i]).CopyTo(result.Row(i));
        }

        return result;
    }
}
