namespace PairTuner.Training.Onnx;

/// <summary>
/// One graph initializer (<c>TensorProto</c>): its name, ONNX data type, dims, and where its values
/// sit in the model file, so they can be read without a copy and overwritten in place.
/// </summary>
public sealed record OnnxInitializer(
    string Name,
    int DataType,
    IReadOnlyList<long> Dims,
    OnnxTensorStorage Storage,
    int DataOffset,
    int DataLength)
{
    /// <summary><c>TensorProto.DataType.FLOAT</c>.</summary>
    public const int Float = 1;

    public long ElementCount => Dims.Aggregate(1L, (a, b) => a * b);

    public bool IsFloat => DataType == Float;
}
