namespace PairTuner.Training.ModelIO.Folders;

/// <summary>What a saved sentence-transformers folder says besides the weights.</summary>
public sealed record SentenceTransformersFolderOptions
{
    /// <summary>sentence_bert_config.json's <c>max_seq_length</c>: word pieces per text, [CLS] and [SEP] included.</summary>
    public int MaxSeqLength { get; init; } = 256;

    /// <summary>config.json's <c>_name_or_path</c>: where the weights came from.</summary>
    public string NameOrPath { get; init; } = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>Named prompts for config_sentence_transformers.json (none for all-MiniLM-L6-v2).</summary>
    public IReadOnlyDictionary<string, string> Prompts { get; init; } = new Dictionary<string, string>();

    public string? DefaultPromptName { get; init; }

    public string SimilarityFnName { get; init; } = "cosine";

    /// <summary>README.md model card; null writes a short default card.</summary>
    public string? ModelCard { get; init; }

    /// <summary>Write onnx/model.onnx (when a template of the model's shape is known).</summary>
    public bool WriteOnnx { get; init; } = true;

    /// <summary>
    /// Opens the ONNX graph whose weights are replaced to make onnx/model.onnx; null uses the builtin
    /// all-MiniLM-L6-v2 export for models of its shape and skips the file for other shapes.
    /// </summary>
    public Func<Stream>? OnnxTemplate { get; init; }

    /// <summary>Replace an existing folder at the destination (otherwise saving there fails).</summary>
    public bool Overwrite { get; init; } = true;
}
