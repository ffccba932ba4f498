using System.Collections;
using System.Text.Json;
using PairTuner.Training.ModelIO.Folders;
using TorchSharp;
using TorchSharp.PyBridge;

namespace PairTuner.Training.ModelIO.Loading;

/// <summary>
/// Loads a sentence-transformers folder (modules.json: Transformer, mean Pooling, optional Normalize;
/// the Transformer at the root or in a sub-folder such as <c>0_Transformer</c>) or a plain Hugging Face
/// BERT folder (config.json + model.safetensors or pytorch_model.bin + vocab.txt or tokenizer.json).
/// </summary>
public static class ModelFolderReader
{
    /// <summary>Reads <paramref name="folder"/>; <paramref name="source"/> describes it in <see cref="LoadedModel.Source"/>.</summary>
    public static LoadedModel Load(string folder, string? source = null)
    {
        folder = Path.GetFullPath(folder);
        if (!Directory.Exists(folder))
        {
            throw new ModelFolderException($"{folder}: no such model folder.");
        }

        var transformerFolder = ReadModules(folder);
        var configPath = FirstExisting(ModelFiles.Config, transformerFolder, folder)
                         ?? throw new ModelFolderException($"{transformerFolder}: config.json not found; a model folder needs Hugging Face's config.json.");
        var config = BertConfigFile.Read(configPath);
        var tokenizer = ReadTokenizerFiles(transformerFolder, folder);
        var maxSeqLength = ReadMaxSeqLength(transformerFolder, folder, config, tokenizer);
        var stateDict = ReadWeights(transformerFolder, config);
        return new LoadedModel(config, stateDict, tokenizer, maxSeqLength, folder, source ?? folder);
    }

    /// <summary>Reads the raw tensors of model.safetensors or pytorch_model.bin, names as stored.</summary>
    public static Dictionary<string, torch.Tensor> ReadRawWeights(string folder)
    {
        var safetensors = Path.Combine(folder, ModelFiles.Safetensors);
        if (File.Exists(safetensors))
        {
            using var file = SafeTensors.SafeTensors.ReadFile(safetensors);
            return file.Detach();
        }

        var bin = Path.Combine(folder, ModelFiles.PytorchBin);
        if (File.Exists(bin))
        {
            return ReadTorchSave(bin);
        }

        if (File.Exists(Path.Combine(folder, "model.safetensors.index.json")) || File.Exists(Path.Combine(folder, "pytorch_model.bin.index.json")))
        {
            throw new ModelFolderException($"{folder}: holds a sharded checkpoint; PairTuner reads single-file weights (model.safetensors or pytorch_model.bin).");
        }

        throw new ModelFolderException($"{folder}: neither model.safetensors nor pytorch_model.bin found.");
    }

    private static Dictionary<string, torch.Tensor> ReadWeights(string folder, Modeling.BertConfig config)
    {
        var raw = ReadRawWeights(folder);
        var source = File.Exists(Path.Combine(folder, ModelFiles.Safetensors))
            ? Path.Combine(folder, ModelFiles.Safetensors)
            : Path.Combine(folder, ModelFiles.PytorchBin);
        return BertStateDictLayout.Normalize(config, raw, source);
    }

    // torch.save zip files, read by TorchSharp.PyBridge's unpickler (tensors only; no code runs).
    private static Dictionary<string, torch.Tensor> ReadTorchSave(string path)
    {
        IDictionary table;
        try
        {
            using var stream = File.OpenRead(path);
            table = PyTorchUnpickler.UnpickleStateDict(stream);
        }
        catch (Exception ex) when (ex is not ModelFolderException)
        {
            throw new ModelFolderException($"{path}: not a torch.save state dict PairTuner can read ({ex.Message}).", ex);
        }

        var result = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is string name && entry.Value is torch.Tensor tensor)
            {
                result[name] = tensor;
            }
        }

        return result;
    }

    // modules.json, when present, says where the Transformer lives and which heads follow it.
    private static string ReadModules(string folder)
    {
        var modulesPath = Path.Combine(folder, ModelFiles.Modules);
        if (!File.Exists(modulesPath))
        {
            return folder; // a plain Hugging Face folder: sentence-transformers would add mean pooling
        }

        var modules = JsonFiles.Read<List<ModuleEntry>>(modulesPath);
        string? transformer = null;
        foreach (var module in modules)
        {
            var kind = module.Type.Split('.')[^1];
            var modulePath = Path.Combine(folder, module.Path ?? string.Empty);
            switch (kind)
            {
                case "Transformer":
                    transformer ??= modulePath;
                    break;
                case "Pooling":
                    CheckPooling(Path.Combine(modulePath, ModelFiles.ModuleConfig));
                    break;
                case "Normalize":
                    break;
                default:
                    throw new ModelFolderException($"{modulesPath}: module {module.Idx} has type '{module.Type}'; PairTuner runs Transformer -> mean Pooling -> Normalize only.");
            }
        }

        return transformer ?? throw new ModelFolderException($"{modulesPath}: lists no {ModelFiles.TransformerType} module.");
    }

    private static void CheckPooling(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelFolderException($"{path}: the Pooling module's config.json is missing.");
        }

        var pooling = JsonFiles.Read<PoolingConfig>(path);
        if (!pooling.IsMeanOnly)
        {
            throw new ModelFolderException($"{path}: field 'pooling_mode_mean_tokens' must be the only pooling mode switched on; PairTuner's encoder pools by the mean.");
        }
    }

    private static TokenizerFileSet ReadTokenizerFiles(string transformerFolder, string folder)
    {
        var vocab = FirstExisting(ModelFiles.Vocab, transformerFolder, folder);
        var tokenizerJson = FirstExisting(ModelFiles.TokenizerJson, transformerFolder, folder);
        if (vocab is null)
        {
            vocab = tokenizerJson is null
                ? throw new ModelFolderException($"{transformerFolder}: neither vocab.txt nor tokenizer.json found; the tokenizer needs one.")
                : VocabExtractor.FromTokenizerJson(tokenizerJson);
        }

        return new TokenizerFileSet(vocab)
        {
            TokenizerJsonPath = tokenizerJson,
            TokenizerConfigPath = FirstExisting(ModelFiles.TokenizerConfig, transformerFolder, folder),
            SpecialTokensMapPath = FirstExisting(ModelFiles.SpecialTokensMap, transformerFolder, folder),
        };
    }

    // sentence-transformers' rule: sentence_bert_config.json's max_seq_length, else the smaller of the
    // position table and the tokenizer's model_max_length.
    private static int ReadMaxSeqLength(string transformerFolder, string folder, Modeling.BertConfig config, TokenizerFileSet tokenizer)
    {
        int maxSeqLength;
        var path = FirstExisting(ModelFiles.SentenceBertConfig, transformerFolder, folder);
        if (path is not null)
        {
            maxSeqLength = JsonFiles.Read<SentenceBertConfig>(path).MaxSeqLength;
            if (maxSeqLength < 2 || maxSeqLength > config.MaxPositionEmbeddings)
            {
                throw new ModelFolderException($"{path} field 'max_seq_length' is {maxSeqLength}; it must be 2..{config.MaxPositionEmbeddings} (max_position_embeddings).");
            }

            return maxSeqLength;
        }

        maxSeqLength = config.MaxPositionEmbeddings;
        if (tokenizer.TokenizerConfigPath is { } tokenizerConfig
            && JsonFiles.ReadObject(tokenizerConfig)["model_max_length"] is { } node
            && node.GetValueKind() == JsonValueKind.Number
            && node.GetValue<double>() is var limit and >= 2 and < int.MaxValue)
        {
            maxSeqLength = Math.Min(maxSeqLength, (int)limit);
        }

        return maxSeqLength;
    }

    private static string? FirstExisting(string name, params string[] folders)
        => folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
