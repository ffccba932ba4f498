using System.Text.Json;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Api;

/// <summary>
/// A parsed <c>POST /runs</c> body: either <see cref="Input"/> (a blob in <c>pairs/</c>) or
/// <see cref="Pairs"/> (inline), an optional <see cref="RunId"/>, and every other field as an option.
/// </summary>
public sealed record StartRunBody(string? Input, IReadOnlyList<InlinePair>? Pairs, string? RunId, IReadOnlyList<KeyValuePair<string, JsonElement>> Options);
