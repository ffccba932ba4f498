using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairTuner.Training.Trainer;

/// <summary>
/// What the training loop needs from a sentence-embedding model: its named parameters (Hugging Face
/// names, which decide the weight-decay groups), a switch for dropout, and texts to embeddings.
/// The real all-MiniLM-L6-v2 and the tests' tiny models both fit it.
/// </summary>
public interface ITrainableEncoder
{
    IEnumerable<(string Name, Parameter Parameter)> NamedParameters { get; }

    /// <summary>Training mode turns dropout on; evaluation mode turns it off.</summary>
    void SetTraining(bool training);

    /// <summary>Sentence embeddings <c>[texts.Count, dim]</c> in fp32 (whatever the model computes in), with autograd when enabled.</summary>
    Tensor Embed(IReadOnlyList<string> texts);
}
