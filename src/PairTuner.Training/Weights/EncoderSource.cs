using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;

namespace PairTuner.Training.Weights;

/// <summary>
/// Opens the encoder and tokenizer a <c>--model</c> value names, for commands that only embed:
/// <c>builtin</c> (weights read straight from the embedded ONNX), a sentence-transformers / Hugging
/// Face folder, or a Hugging Face model id; the last two go through <see cref="ModelLoader"/>.
/// </summary>
public static class EncoderSource
{
    public const string Builtin = "builtin";

    public static (SentenceEncoder Encoder, BertWordPieceTokenizer Tokenizer) Open(string model, EncoderOptions options, int? maxSeqLength = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(model, Builtin, StringComparison.OrdinalIgnoreCase))
        {
            var tokenizer = BertWordPieceTokenizer.Builtin(new BertTokenizerOptions { MaxSequenceLength = maxSeqLength ?? BertTokenizerOptions.DefaultMaxSequenceLength });
            return (BuiltinEncoder.Load(options), tokenizer);
        }

        // A folder or a Hugging Face model id (downloaded once into PAIRTUNER_CACHE) through the model loader.
        using var loaded = ModelLoader.FromEnvironment().Load(model);
        var folderTokenizer = loaded.CreateTokenizer(new BertTokenizerOptions { MaxSequenceLength = maxSeqLength ?? loaded.MaxSeqLength });
        return (loaded.CreateEncoder(options), folderTokenizer);
    }
}
