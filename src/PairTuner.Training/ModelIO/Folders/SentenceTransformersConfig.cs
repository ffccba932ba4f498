using System.Text.Json.Serialization;

namespace PairTuner.Training.ModelIO.Folders;

/// <summary>
/// config_sentence_transformers.json as sentence-transformers 3 writes it: the versions that wrote
/// the folder, named prompts, the default prompt and the similarity function.
/// </summary>
public sealed record SentenceTransformersConfig
{
    /// <summary>
    /// sentence-transformers compares its own version with <c>sentence_transformers</c> here; PairTuner
    /// writes the version whose folder layout it follows, plus its own under <c>pairtuner</c>.
    /// </summary>
    [JsonPropertyName("__version__")] public IReadOnlyDictionary<string, string> Version { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("prompts")] public IReadOnlyDictionary<string, string> Prompts { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("default_prompt_name")] public string? DefaultPromptName { get; init; }

    [JsonPropertyName("similarity_fn_name")] public string? SimilarityFnName { get; init; } = "cosine";
}
