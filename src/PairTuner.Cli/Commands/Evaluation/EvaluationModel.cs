using PairTuner.Training.Evaluation;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;
using PairTuner.Training.Weights;

namespace PairTuner.Cli.Commands.Evaluation;

/// <summary>
/// The <c>--model</c> of <c>pairtuner evaluate</c> (any value <see cref="ModelResolver"/> takes, as
/// for <c>train</c> and <c>embed</c>), as an embedder the evaluators can call.
/// </summary>
internal sealed class EvaluationModel : IDisposable
{
    private EvaluationModel(SentenceEncoder encoder, BertWordPieceTokenizer tokenizer, int batchSize, string source)
    {
        Encoder = encoder;
        Embedder = new EncoderTextEmbedder(encoder, tokenizer, batchSize);
        Source = source;
        MaxSeqLength = tokenizer.Options.MaxSequenceLength;
    }

    public SentenceEncoder Encoder { get; }

    public EncoderTextEmbedder Embedder { get; }

    /// <summary>Where the weights came from, in words.</summary>
    public string Source { get; }

    public int MaxSeqLength { get; }

    public static EvaluationModel Load(string model, EncoderOptions options, int batchSize, int? maxSeqLength, ModelLoader? loader = null)
    {
        var resolved = ModelResolver.Open(model, options, maxSeqLength, loader);
        return new EvaluationModel(resolved.Encoder, resolved.Tokenizer, batchSize, resolved.Source);
    }

    public void Dispose() => Encoder.Dispose();
}
