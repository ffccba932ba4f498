using System.Globalization;
using System.Reflection;
using PairTuner.Training.ModelIO.SafeTensors;
using PairTuner.Training.Modeling;
using PairTuner.Training.Onnx;
using PairTuner.Training.Tokenization;
using PairTuner.Training.Weights;
using TorchSharp;

namespace PairTuner.Training.ModelIO.Folders;

/// <summary>
/// Saves a model as the folder sentence-transformers itself writes for all-MiniLM-L6-v2, loadable by
/// <c>SentenceTransformer(path)</c> and by PairTuner's <c>--model path</c>:
/// <code>
/// config.json  model.safetensors  vocab.txt  tokenizer.json  tokenizer_config.json  special_tokens_map.json
/// modules.json  sentence_bert_config.json  config_sentence_transformers.json  README.md
/// 1_Pooling/config.json  2_Normalize/config.json  onnx/model.onnx
/// </code>
/// onnx/model.onnx is written when the model has the builtin's shape (or the options give an ONNX
/// template of its shape): the template graph with every weight initializer replaced.
/// sentence-transformers leaves 2_Normalize empty; blob storage cannot hold an empty folder, so
/// PairTuner writes <c>{}</c> into 2_Normalize/config.json (Normalize has no settings; every
/// sentence-transformers version loads it the same way with or without that file).
/// The folder is written next to its destination and renamed into place, so a reader never sees half of it.
/// </summary>
public static class SentenceTransformersFolder
{
    /// <summary>The sentence-transformers release whose folder layout PairTuner writes.</summary>
    public const string SentenceTransformersVersion = "3.0.1";

    /// <summary>The libtorch release TorchSharp runs here, recorded as the <c>pytorch</c> version.</summary>
    public const string PytorchVersion = "2.10.0";

    /// <summary>The module list of all-MiniLM-L6-v2: Transformer at the root, mean Pooling, Normalize.</summary>
    public static IReadOnlyList<ModuleEntry> Modules { get; } =
    [
        new(0, "0", string.Empty, ModelFiles.TransformerType),
        new(1, "1", ModelFiles.PoolingFolder, ModelFiles.PoolingType),
        new(2, "2", ModelFiles.NormalizeFolder, ModelFiles.NormalizeType),
    ];

    /// <summary>
    /// Writes <paramref name="stateDict"/> (Hugging Face BertModel names, e.g.
    /// <c>encoder.layer.0.attention.self.query.weight</c>) and everything else of the folder to
    /// <paramref name="directory"/>. Returns the absolute folder path.
    /// </summary>
    public static string Save(
        string directory,
        BertConfig config,
        IReadOnlyDictionary<string, torch.Tensor> stateDict,
        TokenizerFileSet tokenizer,
        SentenceTransformersFolderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(stateDict);
        ArgumentNullException.ThrowIfNull(tokenizer);
        options ??= new SentenceTransformersFolderOptions();
        if (stateDict.Count == 0)
        {
            throw new ArgumentException("The state dict is empty; there is no model to save.", nameof(stateDict));
        }

        if (!File.Exists(tokenizer.VocabPath))
        {
            throw new ModelFolderException($"{tokenizer.VocabPath}: vocab.txt not found; a model folder needs its vocabulary.");
        }

        var target = Path.GetFullPath(directory);
        if (Directory.Exists(target) && !options.Overwrite && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException($"{target}: already exists and is not empty; pass Overwrite to replace it.");
        }

        return AtomicFolder.Write(target, staging => WriteInto(staging, config, stateDict, tokenizer, options));
    }

    /// <summary>
    /// Writes the folder's files into <paramref name="folder"/> as they are, without the staging and
    /// rename <see cref="Save"/> does: for callers that stage the folder themselves (the model cache).
    /// </summary>
    public static void WriteInto(string folder, BertConfig config, IReadOnlyDictionary<string, torch.Tensor> stateDict, TokenizerFileSet tokenizer, SentenceTransformersFolderOptions options)
    {
        BertConfigFile.Write(Path.Combine(folder, ModelFiles.Config), config, options.NameOrPath);
        SafeTensors.SafeTensors.WriteFile(Path.Combine(folder, ModelFiles.Safetensors), stateDict, new Dictionary<string, string> { ["format"] = "pt" });

        if (tokenizer.TokenizerJsonPath is { } tokenizerJson && tokenizer.TokenizerConfigPath is { } tokenizerConfig && tokenizer.SpecialTokensMapPath is { } specialTokens)
        {
            // A folder that came with its tokenizer files keeps them as they are.
            File.Copy(tokenizerJson, Path.Combine(folder, ModelFiles.TokenizerJson));
            File.Copy(tokenizerConfig, Path.Combine(folder, ModelFiles.TokenizerConfig));
            File.Copy(specialTokens, Path.Combine(folder, ModelFiles.SpecialTokensMap));
        }
        else
        {
            // Only vocab.txt (the builtin package ships nothing else): write the uncased BERT
            // tokenizer files transformers writes for all-MiniLM-L6-v2.
            TokenizerFiles.Write(folder, BertWordPieceTokenizer.FromVocabFile(tokenizer.VocabPath));
        }

        // The source vocab.txt byte for byte, whichever way the other files came.
        File.Copy(tokenizer.VocabPath, Path.Combine(folder, ModelFiles.Vocab), overwrite: true);

        JsonFiles.Write(Path.Combine(folder, ModelFiles.Modules), Modules);
        JsonFiles.Write(Path.Combine(folder, ModelFiles.SentenceBertConfig), new SentenceBertConfig { MaxSeqLength = options.MaxSeqLength });
        JsonFiles.Write(Path.Combine(folder, ModelFiles.SentenceTransformersConfig), new SentenceTransformersConfig
        {
            Version = new Dictionary<string, string>
            {
                ["sentence_transformers"] = SentenceTransformersVersion,
                ["transformers"] = BertConfigFile.TransformersVersion,
                ["pytorch"] = PytorchVersion,
                ["pairtuner"] = PairTunerVersion(),
            },
            Prompts = options.Prompts,
            DefaultPromptName = options.DefaultPromptName,
            SimilarityFnName = options.SimilarityFnName,
        });
        JsonFiles.Write(Path.Combine(folder, ModelFiles.PoolingFolder, ModelFiles.ModuleConfig), PoolingConfig.Mean(config.HiddenSize));
        JsonFiles.WriteText(Path.Combine(folder, ModelFiles.NormalizeFolder, ModelFiles.ModuleConfig), "{}\n");
        JsonFiles.WriteText(Path.Combine(folder, ModelFiles.ModelCard), options.ModelCard ?? DefaultModelCard(config, options));
        WriteOnnx(folder, config, stateDict, options);
    }

    // onnx/model.onnx: the template graph (the builtin all-MiniLM-L6-v2 export unless the options
    // name another) with every weight replaced by the state dict's, so ONNX Runtime serves this model.
    private static void WriteOnnx(string folder, BertConfig config, IReadOnlyDictionary<string, torch.Tensor> stateDict, SentenceTransformersFolderOptions options)
    {
        var template = options.OnnxTemplate ?? (config == BertConfig.MiniLmL6 ? BuiltinMiniLm.OpenOnnx : null);
        if (!options.WriteOnnx || template is null)
        {
            return;
        }

        var path = Path.Combine(folder, ModelFiles.OnnxModel);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var input = template();
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        OnnxWeights.WriteBack(input, stateDict, output, config);
    }

    private static string PairTunerVersion()
        => typeof(SentenceTransformersFolder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
           ?? typeof(SentenceTransformersFolder).Assembly.GetName().Version?.ToString()
           ?? "0.0.0";

    private static string DefaultModelCard(BertConfig config, SentenceTransformersFolderOptions options)
        => string.Create(CultureInfo.InvariantCulture, $"""
            ---
            library_name: sentence-transformers
            pipeline_tag: sentence-similarity
            base_model: {options.NameOrPath}
            tags:
            - sentence-transformers
            - feature-extraction
            - sentence-similarity
            - pairtuner
            ---

            # Fine-tuned with PairTuner

            A sentence-transformers model: BERT ({config.NumHiddenLayers} layers, hidden {config.HiddenSize}), mean pooling,
            L2 normalization, {config.HiddenSize}-dimensional embeddings, at most {options.MaxSeqLength} word pieces per text.
            Based on `{options.NameOrPath}`.

            ```python
            from sentence_transformers import SentenceTransformer
            model = SentenceTransformer("path/to/this/folder")
            embeddings = model.encode(["first text", "second text"])
            ```

            `onnx/model.onnx`, when present, is the same model for ONNX Runtime
            (`SentenceTransformer(path, backend="onnx")`).

            """);
}
