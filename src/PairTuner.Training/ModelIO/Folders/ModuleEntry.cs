using System.Text.Json.Serialization;

namespace PairTuner.Training.ModelIO.Folders;

/// <summary>One entry of modules.json: a module's position, name, sub-folder and Python type.</summary>
public sealed record ModuleEntry(
    [property: JsonPropertyName("idx")] int Idx,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("type")] string Type);
