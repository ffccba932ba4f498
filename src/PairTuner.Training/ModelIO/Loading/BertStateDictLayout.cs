using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.Modeling;
using TorchSharp;

namespace PairTuner.Training.ModelIO.Loading;

/// <summary>
/// The parameters of Hugging Face's BertModel for a <see cref="BertConfig"/>, by name and shape, and
/// the name clean-up that lets checkpoints saved by other BERT classes load: a <c>bert.</c> prefix
/// (BertForMaskedLM, ...) is dropped, TensorFlow-era <c>LayerNorm.gamma/beta</c> become
/// <c>weight/bias</c>, and keys outside the encoder (<c>cls.*</c> heads, the
/// <c>embeddings.position_ids</c> buffer) are left out. A checkpoint without the pooler (unused by
/// mean pooling) gets a zero one.
/// </summary>
public static class BertStateDictLayout
{
    /// <summary>Every BertModel parameter, pooler included (all-MiniLM-L6-v2: 103 tensors, 22,713,216 values).</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> Parameters(BertConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long h = config.HiddenSize, i = config.IntermediateSize;
        var list = new List<(string, long[])>
        {
            ("embeddings.word_embeddings.weight", [config.VocabSize, h]),
            ("embeddings.position_embeddings.weight", [config.MaxPositionEmbeddings, h]),
            ("embeddings.token_type_embeddings.weight", [config.TypeVocabSize, h]),
            ("embeddings.LayerNorm.weight", [h]),
            ("embeddings.LayerNorm.bias", [h]),
        };
        for (var layer = 0; layer < config.NumHiddenLayers; layer++)
        {
            var p = $"encoder.layer.{layer}.";
            foreach (var name in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense" })
            {
                list.Add((p + name + ".weight", [h, h]));
                list.Add((p + name + ".bias", [h]));
            }

            list.Add((p + "attention.output.LayerNorm.weight", [h]));
            list.Add((p + "attention.output.LayerNorm.bias", [h]));
            list.Add((p + "intermediate.dense.weight", [i, h]));
            list.Add((p + "intermediate.dense.bias", [i]));
            list.Add((p + "output.dense.weight", [h, i]));
            list.Add((p + "output.dense.bias", [h]));
            list.Add((p + "output.LayerNorm.weight", [h]));
            list.Add((p + "output.LayerNorm.bias", [h]));
        }

        list.Add(("pooler.dense.weight", [h, h]));
        list.Add(("pooler.dense.bias", [h]));
        return list;
    }

    /// <summary>
    /// Renames and filters <paramref name="raw"/> into BertModel names, converts floating tensors to
    /// float32 (the encoder's master weights), and checks every parameter is there with its shape.
    /// Consumes <paramref name="raw"/>: tensors not returned are disposed. <paramref name="source"/>
    /// names the weights file in errors.
    /// </summary>
    public static Dictionary<string, torch.Tensor> Normalize(BertConfig config, Dictionary<string, torch.Tensor> raw, string source)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var result = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        try
        {
            var hasPrefix = raw.Keys.Any(key => key.StartsWith("bert.", StringComparison.Ordinal));
            foreach (var (key, tensor) in raw)
            {
                var name = CanonicalName(key, hasPrefix);
                if (name is null || result.ContainsKey(name))
                {
                    tensor.Dispose();
                    continue;
                }

                if (tensor.dtype is torch.ScalarType.Float16 or torch.ScalarType.BFloat16 or torch.ScalarType.Float64)
                {
                    result[name] = tensor.to(torch.float32);
                    tensor.Dispose();
                }
                else
                {
                    result[name] = tensor;
                }
            }

            raw.Clear();
            AddMissingPooler(config, result);
            Check(config, result, source);
            return result;
        }
        catch
        {
            foreach (var tensor in result.Values.Concat(raw.Values))
            {
                tensor.Dispose();
            }

            raw.Clear();
            throw;
        }
    }

    // Some checkpoints are saved without BertModel's pooler (add_pooling_layer=False). Mean-pooled
    // sentence embeddings never use it, but the encoder has the module, so give it zeros (transformers
    // would initialize it randomly) rather than refuse the model.
    private static void AddMissingPooler(BertConfig config, Dictionary<string, torch.Tensor> stateDict)
    {
        if (!stateDict.ContainsKey("pooler.dense.weight") && !stateDict.ContainsKey("pooler.dense.bias"))
        {
            stateDict["pooler.dense.weight"] = torch.zeros(config.HiddenSize, config.HiddenSize);
            stateDict["pooler.dense.bias"] = torch.zeros(config.HiddenSize);
        }
    }

    private static string? CanonicalName(string key, bool hasPrefix)
    {
        var name = key;
        if (hasPrefix)
        {
            if (!name.StartsWith("bert.", StringComparison.Ordinal))
            {
                return null; // a task head (cls.*, classifier.*) beside the encoder
            }

            name = name["bert.".Length..];
        }

        if (name.EndsWith(".gamma", StringComparison.Ordinal))
        {
            name = name[..^".gamma".Length] + ".weight";
        }
        else if (name.EndsWith(".beta", StringComparison.Ordinal))
        {
            name = name[..^".beta".Length] + ".bias";
        }

        var isEncoder = name.StartsWith("embeddings.", StringComparison.Ordinal)
                        || name.StartsWith("encoder.", StringComparison.Ordinal)
                        || name.StartsWith("pooler.", StringComparison.Ordinal);
        return isEncoder && !name.EndsWith("position_ids", StringComparison.Ordinal) ? name : null;
    }

    private static void Check(BertConfig config, Dictionary<string, torch.Tensor> stateDict, string source)
    {
        var expected = Parameters(config);
        var missing = new List<string>();
        foreach (var (name, shape) in expected)
        {
            if (!stateDict.TryGetValue(name, out var tensor))
            {
                missing.Add(name);
                continue;
            }

            if (!tensor.shape.SequenceEqual(shape))
            {
                throw new ModelFolderException($"{source}: tensor '{name}' has shape [{string.Join(", ", tensor.shape)}], but config.json implies [{string.Join(", ", shape)}].");
            }

            if (tensor.dtype != torch.ScalarType.Float32)
            {
                throw new ModelFolderException($"{source}: tensor '{name}' has dtype {tensor.dtype}; weights must be floating point.");
            }
        }

        if (missing.Count > 0)
        {
            throw new ModelFolderException($"{source}: {missing.Count} of {expected.Count} BertModel parameters are missing, e.g. {string.Join(", ", missing.Take(5))}.");
        }

        var unexpected = stateDict.Keys.Except(expected.Select(item => item.Name), StringComparer.Ordinal).ToList();
        foreach (var name in unexpected)
        {
            // Encoder-prefixed keys BertModel does not have (relative position tables, ...) would be
            // silently ignored by a lenient load; refuse them instead.
            throw new ModelFolderException($"{source}: tensor '{name}' is not a parameter of a BertModel with this config.json.");
        }
    }
}
