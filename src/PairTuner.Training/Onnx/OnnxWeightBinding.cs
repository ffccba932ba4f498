namespace PairTuner.Training.Onnx;

/// <summary>
/// A Hugging Face parameter name bound to the ONNX initializer that holds it. <see cref="Transposed"/>
/// is true for linear weights exported as MatMul operands, stored [in, out] where torch keeps [out, in].
/// </summary>
public sealed record OnnxWeightBinding(string Name, OnnxInitializer Initializer, bool Transposed);
