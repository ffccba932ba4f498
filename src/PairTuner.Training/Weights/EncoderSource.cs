using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;

namespace PairTuner.Training.Weights;

/// <summary>
/// Opens the encoder and tokenizer a <c>--model</c> value names, for commands that only embed:
/// <c>builtin</c> (weights from the embedded ONNX) or a sentence-transformers / Hugging Face folder.
/// Hugging Face model ids and the conversion cache belong to the model loader; this is the seam
/// where it plugs in.
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

        if (Directory.Exists(model))
        {
            using var loaded = ModelFolderReader.Load(model);
            var tokenizer = TokenizerLoader.Load(model, new BertTokenizerOptions { MaxSequenceLength = maxSeqLength ?? loaded.MaxSeqLength });
            return (SentenceEncoder.FromStateDict(loaded.Config, loaded.StateDict, options), tokenizer);
        }

        throw new FileNotFoundException(
            $"--model '{model}': not '{Builtin}' and not a model folder (config.json + model.safetensors or pytorch_model.bin + vocab.txt/tokenizer.json).",
            model);
    }
}
