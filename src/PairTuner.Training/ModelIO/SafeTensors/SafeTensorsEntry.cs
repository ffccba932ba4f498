namespace PairTuner.Training.ModelIO.SafeTensors;

/// <summary>One tensor's header record: its dtype, shape and byte range in the data section.</summary>
public sealed record SafeTensorsEntry(string Name, SafeTensorsDType DType, long[] Shape, long Begin, long End)
{
    /// <summary>Number of elements (1 for a scalar, whose shape is empty).</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, dim) => checked(product * dim));

    /// <summary>Bytes the tensor occupies in the data section.</summary>
    public long ByteLength => End - Begin;
}
