using PairTuner.Training.Evaluation;
using PairTuner.Training.Trainer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.TestModels;

/// <summary><see cref="TinyEncoder"/> as a whole <see cref="ISentenceModel"/>: evaluable, and saved as one weights file.</summary>
internal sealed class TinySentenceModel : ISentenceModel
{
    public TinySentenceModel(TinyEncoder encoder)
    {
        Encoder = encoder;
    }

    public TinyEncoder Encoder { get; }

    public string Source => "tiny";

    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters => Encoder.NamedParameters;

    public void SetTraining(bool training) => Encoder.SetTraining(training);

    public Tensor Embed(IReadOnlyList<string> texts) => Encoder.Embed(texts);

    public EmbeddingMatrix Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        using var noGrad = no_grad();
        using var embeddings = Encoder.Embed(texts);
        return EmbeddingMatrix.Wrap(embeddings.data<float>().ToArray(), (int)embeddings.shape[1]);
    }

    public string Save(string folder)
    {
        Directory.CreateDirectory(folder);
        Encoder.save(Path.Combine(folder, "tiny.bin"));
        return Path.GetFullPath(folder);
    }

    public void Dispose() => Encoder.Dispose();
}
