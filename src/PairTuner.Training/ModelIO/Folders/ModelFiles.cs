namespace PairTuner.Training.ModelIO.Folders;

/// <summary>The file names of a sentence-transformers / Hugging Face model folder.</summary>
public static class ModelFiles
{
    public const string Config = "config.json";
    public const string Safetensors = "model.safetensors";
    public const string PytorchBin = "pytorch_model.bin";
    public const string Vocab = "vocab.txt";
    public const string TokenizerJson = "tokenizer.json";
    public const string TokenizerConfig = "tokenizer_config.json";
    public const string SpecialTokensMap = "special_tokens_map.json";
    public const string Modules = "modules.json";
    public const string SentenceBertConfig = "sentence_bert_config.json";
    public const string SentenceTransformersConfig = "config_sentence_transformers.json";
    public const string PoolingFolder = "1_Pooling";
    public const string NormalizeFolder = "2_Normalize";
    public const string ModuleConfig = "config.json";
    public const string OnnxModel = "onnx/model.onnx";
    public const string ModelCard = "README.md";

    /// <summary>sentence-transformers' module type names, as modules.json spells them.</summary>
    public const string TransformerType = "sentence_transformers.models.Transformer";
    public const string PoolingType = "sentence_transformers.models.Pooling";
    public const string NormalizeType = "sentence_transformers.models.Normalize";
}
