namespace PairTuner.Training.Onnx;

/// <summary>The parts of an ONNX <c>NodeProto</c> weight mapping needs: name, operator and edge names.</summary>
public sealed record OnnxNode(string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);
