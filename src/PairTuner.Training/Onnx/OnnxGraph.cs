namespace PairTuner.Training.Onnx;

/// <summary>What <see cref="OnnxProtoReader"/> keeps of a <c>ModelProto</c>'s graph.</summary>
public sealed record OnnxGraph(
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxInitializer> Initializers,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs);
