using System.Text.Json.Serialization;

namespace PairTuner.Training.ModelIO.Folders;

/// <summary>sentence_bert_config.json: the Transformer module's word-piece limit and casing flag.</summary>
public sealed record SentenceBertConfig
{
    [JsonPropertyName("max_seq_length")] public int MaxSeqLength { get; init; } = 256;

    // sentence-transformers' own flag, false for this model: lower-casing is the tokenizer's job.
    [JsonPropertyName("do_lower_case")] public bool DoLowerCase { get; init; }
}
