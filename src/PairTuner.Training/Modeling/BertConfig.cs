using System.Text.Json.Serialization;

namespace PairTuner.Training.Modeling;

/// <summary>
/// A BERT encoder's shape, read from and written to Hugging Face's <c>config.json</c> with the same
/// keys. <see cref="MiniLmL6"/> is all-MiniLM-L6-v2's; tests use small configs of their own.
/// </summary>
public sealed record BertConfig
{
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 30522;
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 384;
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; } = 6;
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; } = 12;
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 1536;
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "gelu";
    [JsonPropertyName("hidden_dropout_prob")] public double HiddenDropoutProb { get; init; } = 0.1;
    [JsonPropertyName("attention_probs_dropout_prob")] public double AttentionProbsDropoutProb { get; init; } = 0.1;
    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; } = 512;
    [JsonPropertyName("type_vocab_size")] public int TypeVocabSize { get; init; } = 2;
    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;
    [JsonPropertyName("layer_norm_eps")] public double LayerNormEps { get; init; } = 1e-12;
    [JsonPropertyName("pad_token_id")] public int PadTokenId { get; init; }
    [JsonPropertyName("position_embedding_type")] public string PositionEmbeddingType { get; init; } = "absolute";
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "bert";

    /// <summary>all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads, intermediate 1536, 22,713,216 parameters.</summary>
    public static BertConfig MiniLmL6 { get; } = new();
}
