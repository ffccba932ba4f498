namespace PairTuner.Workflow.Api;

/// <summary>
/// Limits on what a client can send, from app settings <c>PairTuner:Api:*</c>. Bigger pair sets
/// belong in a blob in <c>pairs/</c> (no limit but the storage account's), not in a request.
/// </summary>
public sealed record ApiLimits
{
    public const string SettingsSection = "PairTuner:Api";

    /// <summary>Largest request body; a bigger one is answered 413 naming this limit.</summary>
    public long MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most pairs in an inline <c>"pairs"</c> array; more is answered 400 naming this limit.</summary>
    public int MaxInlinePairs { get; init; } = 10_000;

    /// <summary>Longest text of an inline pair, in characters.</summary>
    public int MaxInlineTextLength { get; init; } = 10_000;

    /// <summary>Largest pairs file <c>PUT /pairs/{name}</c> takes (streamed to storage, never held whole); over it, 413.</summary>
    public long MaxUploadBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>Most runs <c>GET /runs</c> lists at once (<c>?top=</c>).</summary>
    public int MaxListedRuns { get; init; } = 100;

    /// <summary>Reads <c>PairTuner:Api:*</c> settings (keys relative to the section); unknown keys and bad values throw, naming them.</summary>
    public static ApiLimits FromSettings(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var limits = new ApiLimits();
        var problems = new List<string>();
        foreach (var (rawKey, value) in settings)
        {
            if (value is null)
            {
                continue;
            }

            var key = rawKey.StartsWith(SettingsSection + ":", StringComparison.OrdinalIgnoreCase) ? rawKey[(SettingsSection.Length + 1)..] : rawKey;
            switch (key.ToUpperInvariant())
            {
                case "MAXBODYBYTES" when long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var bytes) && bytes >= 1024:
                    limits = limits with { MaxBodyBytes = bytes };
                    break;
                case "MAXUPLOADBYTES" when long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var upload) && upload >= 1024:
                    limits = limits with { MaxUploadBytes = upload };
                    break;
                case "MAXINLINEPAIRS" when int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var pairs) && pairs >= 1:
                    limits = limits with { MaxInlinePairs = pairs };
                    break;
                case "MAXINLINETEXTLENGTH" when int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var length) && length >= 1:
                    limits = limits with { MaxInlineTextLength = length };
                    break;
                case "MAXLISTEDRUNS" when int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var runs) && runs >= 1:
                    limits = limits with { MaxListedRuns = runs };
                    break;
                case "MAXBODYBYTES" or "MAXUPLOADBYTES" or "MAXINLINEPAIRS" or "MAXINLINETEXTLENGTH" or "MAXLISTEDRUNS":
                    problems.Add($"{SettingsSection}:{key} = \"{value}\" must be a whole number (MaxBodyBytes and MaxUploadBytes at least 1024, the others at least 1)");
                    break;
                default:
                    problems.Add($"{SettingsSection}:{key} is no setting (MaxBodyBytes, MaxUploadBytes, MaxInlinePairs, MaxInlineTextLength, MaxListedRuns)");
                    break;
            }
        }

        return problems.Count == 0 ? limits : throw new ArgumentException(string.Join("; ", problems) + ".", nameof(settings));
    }
}
