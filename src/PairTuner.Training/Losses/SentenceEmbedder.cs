using TorchSharp;

namespace PairTuner.Training.Losses;

/// <summary>
/// Turns texts into sentence embeddings, <c>[texts.Count, dim]</c>, with autograd recording when
/// gradients are enabled. The losses only see this delegate, so they work with the real encoder and
/// with the tiny models the tests build alike.
/// </summary>
public delegate torch.Tensor SentenceEmbedder(IReadOnlyList<string> texts);
