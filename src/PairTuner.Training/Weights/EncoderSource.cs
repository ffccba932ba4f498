using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;

namespace PairTuner.Training.Weights;

/// <summary>
/// Opens the encoder and tokenizer a <c>--model</c> value names, for commands that only embed:
/// <c>builtin</c>, a sentence-transformers / Hugging Face folder, or a Hub id, all through the
/// model loader (so builtin is converted from ONNX once and cached, and Hub models are downloaded once).
/// </summary>
public static class EncoderSource
{
    public const string Builtin = "builtin";

    public static (SentenceEncoder Encoder, BertWordPieceTokenizer Tokenizer) Open(
        string model, EncoderOptions options, int? maxSeqLength = null, ModelLoader? loader = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(options);
        using var loaded = (loader ?? ModelLoader.FromEnvironment()).Load(model);
        var tokenizer = TokenizerLoader.Load(loaded.Folder, new BertTokenizerOptions { MaxSequenceLength = maxSeqLength ?? loaded.MaxSeqLength });
        return (SentenceEncoder.FromStateDict(loaded.Config, loaded.StateDict, options), tokenizer);
    }
}
