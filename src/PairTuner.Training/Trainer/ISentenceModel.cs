using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Trainer;

/// <summary>
/// A sentence-embedding model a run fine-tunes: trainable (<see cref="ITrainableEncoder"/>),
/// evaluable (<see cref="ITextEmbedder"/>, used with dropout off) and savable as a
/// sentence-transformers folder.
/// </summary>
public interface ISentenceModel : ITrainableEncoder, ITextEmbedder, IDisposable
{
    /// <summary>Where the weights came from, for reports (e.g. <c>builtin</c> or a folder).</summary>
    string Source { get; }

    /// <summary>Writes the model as a sentence-transformers folder; returns the folder's full path.</summary>
    string Save(string folder);
}
