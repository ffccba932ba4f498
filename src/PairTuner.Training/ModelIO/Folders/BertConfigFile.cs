using System.Text.Json;
using System.Text.Json.Nodes;
using PairTuner.Training.Modeling;

namespace PairTuner.Training.ModelIO.Folders;

/// <summary>
/// Hugging Face's config.json for a BertModel: <see cref="BertConfig"/>'s keys plus the bookkeeping
/// keys transformers' <c>save_pretrained</c> adds (<c>architectures</c>, <c>torch_dtype</c>,
/// <c>transformers_version</c>, ...), sorted by key as transformers writes them.
/// </summary>
public static class BertConfigFile
{
    /// <summary>The transformers release whose config layout PairTuner writes.</summary>
    public const string TransformersVersion = "4.41.2";

    /// <summary>Writes config.json for <paramref name="config"/>; <paramref name="nameOrPath"/> fills <c>_name_or_path</c>.</summary>
    public static void Write(string path, BertConfig config, string nameOrPath = "sentence-transformers/all-MiniLM-L6-v2")
    {
        ArgumentNullException.ThrowIfNull(config);
        var node = JsonSerializer.SerializeToNode(config)!.AsObject();
        node["_name_or_path"] = nameOrPath;
        node["architectures"] = new JsonArray("BertModel");
        node["classifier_dropout"] = null;
        node["gradient_checkpointing"] = false;
        node["torch_dtype"] = "float32";
        node["transformers_version"] = TransformersVersion;
        node["use_cache"] = true;

        var sorted = new JsonObject();
        foreach (var (key, value) in node.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList())
        {
            node.Remove(key);
            sorted[key] = value;
        }

        JsonFiles.Write(path, sorted);
    }

    /// <summary>
    /// Reads config.json into a <see cref="BertConfig"/> (unknown keys ignored) and checks that
    /// PairTuner's encoder can run it: a BERT with absolute positions and exact GELU.
    /// </summary>
    public static BertConfig Read(string path)
    {
        var json = JsonFiles.ReadObject(path);
        BertConfig config;
        try
        {
            config = json.Deserialize<BertConfig>() ?? throw new ModelFolderException($"{path}: is empty.");
        }
        catch (JsonException ex)
        {
            throw new ModelFolderException($"{path} field {ex.Path}: {ex.Message}", ex);
        }

        if (json["model_type"] is null && json["architectures"] is null)
        {
            throw new ModelFolderException($"{path}: has neither 'model_type' nor 'architectures'; it is not a Hugging Face model config.");
        }

        Require(path, "model_type", config.ModelType == "bert", $"is '{config.ModelType}'; PairTuner runs BERT encoders only");
        Require(path, "hidden_act", config.HiddenAct == "gelu", $"is '{config.HiddenAct}'; PairTuner's encoder uses exact (erf) GELU, 'gelu'");
        Require(path, "position_embedding_type", config.PositionEmbeddingType == "absolute", $"is '{config.PositionEmbeddingType}'; only 'absolute' is supported");
        Require(path, "num_attention_heads", config.NumAttentionHeads > 0 && config.HiddenSize % config.NumAttentionHeads == 0, $"({config.NumAttentionHeads}) must divide hidden_size ({config.HiddenSize})");
        Require(path, "num_hidden_layers", config.NumHiddenLayers > 0, "must be positive");
        Require(path, "vocab_size", config.VocabSize > 0, "must be positive");
        return config;
    }

    private static void Require(string path, string field, bool condition, string problem)
    {
        if (!condition)
        {
            throw new ModelFolderException($"{path} field '{field}' {problem}.");
        }
    }
}
