using System.Text.Json.Serialization;

namespace PairTuner.Training.ModelIO.Folders;

/// <summary>
/// 1_Pooling/config.json with the keys sentence-transformers 3 writes. PairTuner's encoder pools by
/// the mean of the attention-masked token embeddings, so <see cref="MeanTokens"/> is the only mode it serves.
/// </summary>
public sealed record PoolingConfig
{
    [JsonPropertyName("word_embedding_dimension")] public int WordEmbeddingDimension { get; init; } = 384;
    [JsonPropertyName("pooling_mode_cls_token")] public bool ClsToken { get; init; }
    [JsonPropertyName("pooling_mode_mean_tokens")] public bool MeanTokens { get; init; } = true;
    [JsonPropertyName("pooling_mode_max_tokens")] public bool MaxTokens { get; init; }
    [JsonPropertyName("pooling_mode_mean_sqrt_len_tokens")] public bool MeanSqrtLenTokens { get; init; }
    [JsonPropertyName("pooling_mode_weightedmean_tokens")] public bool WeightedMeanTokens { get; init; }
    [JsonPropertyName("pooling_mode_lasttoken")] public bool LastToken { get; init; }
    [JsonPropertyName("include_prompt")] public bool IncludePrompt { get; init; } = true;

    /// <summary>Mean pooling over <paramref name="dimension"/>-wide token embeddings, as all-MiniLM-L6-v2 has it.</summary>
    public static PoolingConfig Mean(int dimension) => new() { WordEmbeddingDimension = dimension };

    /// <summary>True when mean pooling is the one mode switched on.</summary>
    [JsonIgnore]
    public bool IsMeanOnly => MeanTokens && !ClsToken && !MaxTokens && !MeanSqrtLenTokens && !WeightedMeanTokens && !LastToken;
}
