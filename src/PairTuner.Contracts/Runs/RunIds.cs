using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PairTuner.Contracts.Runs;

/// <summary>
/// Run ids: the Durable instance id and the <c>runs/{id}/</c> and <c>models/{id}/</c> prefix of a
/// run. A run started by an upload gets an id derived from the blob's name and ETag, so the same
/// upload delivered twice (Event Grid retries, the polling trigger after a restart, the API) is one
/// run, while the same name uploaded again with new content (a new ETag) is another.
/// </summary>
public static partial class RunIds
{
    /// <summary>Longest run id: short enough for every blob prefix and Durable instance id.</summary>
    public const int MaxLength = 63;

    private const int HashHexLength = 12;
    private const int SlugMaxLength = 40;

    /// <summary>
    /// <c>{slug of the name}-{12 hex of SHA-256(name|etag)}</c>, e.g. <c>support-tickets-3fa2c41b09de</c>.
    /// The ETag is compared without its quotes or weak marker, which differ between Event Grid
    /// events and blob properties.
    /// </summary>
    /// <param name="blobName">The name inside the <c>pairs</c> container, e.g. <c>support/tickets.jsonl</c>.</param>
    /// <param name="etag">The blob's ETag at the time the run starts.</param>
    public static string FromBlob(string blobName, string etag)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        ArgumentException.ThrowIfNullOrEmpty(etag);
        var key = blobName + "|" + NormalizeEtag(etag);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..HashHexLength];
        return Slug(StripExtension(blobName), "pairs") + "-" + hash;
    }

    /// <summary>An id for inline pairs posted to the API: <c>inline-{yyyyMMdd-HHmmss}-{8 random hex}</c>.</summary>
    public static string NewInline(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[4];
        RandomNumberGenerator.Fill(random);
        return "inline-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)
            + "-" + Convert.ToHexStringLower(random);
    }

    /// <summary>True when <paramref name="runId"/> is lower-case letters, digits and '-', starts with a letter or digit, and is at most <see cref="MaxLength"/> long.</summary>
    public static bool IsValid(string? runId) => runId is not null && runId.Length <= MaxLength && Pattern().IsMatch(runId);

    /// <summary>Why <paramref name="runId"/> is not a run id, or null when it is one.</summary>
    public static string? Problem(string? runId)
    {
        if (string.IsNullOrEmpty(runId))
        {
            return "a run id must not be empty";
        }

        if (runId.Length > MaxLength)
        {
            return $"a run id is at most {MaxLength} characters (this one has {runId.Length})";
        }

        return Pattern().IsMatch(runId)
            ? null
            : "a run id is lower-case letters a-z, digits and '-', and starts with a letter or digit";
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="runId"/> is valid.</summary>
    public static string Validate(string? runId, string paramName = "runId") =>
        Problem(runId) is { } problem ? throw new ArgumentException($"'{runId}' is not a run id: {problem}.", paramName) : runId!;

    internal static string NormalizeEtag(string etag)
    {
        var value = etag.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return value.Trim('"');
    }

    private static string StripExtension(string name)
    {
        var file = name[(name.LastIndexOf('/') + 1)..];
        var dot = file.IndexOf('.', StringComparison.Ordinal);
        var stem = dot > 0 ? file[..dot] : file;
        var folder = name[..(name.LastIndexOf('/') + 1)];
        return folder + stem;
    }

    private static string Slug(string text, string fallback)
    {
        var builder = new StringBuilder(SlugMaxLength);
        var dash = false;
        foreach (var c in text.ToLowerInvariant())
        {
            if (builder.Length >= SlugMaxLength)
            {
                break;
            }

            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(c);
                dash = false;
            }
            else if (!dash && builder.Length > 0)
            {
                builder.Append('-');
                dash = true;
            }
        }

        var slug = builder.ToString().TrimEnd('-');
        return slug.Length == 0 ? fallback : slug;
    }

    // \z, not $: $ also matches before a final newline, which would let "abc\n" through.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
