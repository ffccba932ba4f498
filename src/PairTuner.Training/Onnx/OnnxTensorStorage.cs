namespace PairTuner.Training.Onnx;

/// <summary>Where a <c>TensorProto</c> keeps its values.</summary>
public enum OnnxTensorStorage
{
    /// <summary>Little-endian bytes in <c>raw_data</c> (field 9), what exporters write for weights.</summary>
    RawData,

    /// <summary>Packed floats in <c>float_data</c> (field 4); same bytes, same layout.</summary>
    FloatData,

    /// <summary>No inline data (external data or an empty tensor); weights stored so are not supported.</summary>
    None,
}
