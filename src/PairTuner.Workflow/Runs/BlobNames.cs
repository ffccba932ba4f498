namespace PairTuner.Workflow.Runs;

/// <summary>
/// Checks names of pairs blobs so that no request reaches outside the <c>pairs</c> container: no
/// <c>..</c> or <c>.</c> segment, no leading or doubled '/', no backslash, no control characters,
/// and Azure's own limits (1,024 characters, 254 segments).
/// </summary>
public static class BlobNames
{
    /// <summary>The container that pairs files are uploaded to, and whose uploads start runs.</summary>
    public const string PairsContainer = "pairs";

    /// <summary>Azure Blob Storage's limit on a blob name.</summary>
    public const int MaxLength = 1024;

    /// <summary>Azure Blob Storage's limit on path segments of a blob name.</summary>
    public const int MaxSegments = 254;

    /// <summary>Why <paramref name="name"/> cannot name a blob inside a container, or null when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "the blob name is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"a blob name is at most {MaxLength} characters (this one has {name.Length})";
        }

        if (name.StartsWith('/'))
        {
            return "a blob name must not start with '/'";
        }

        if (name.EndsWith('/'))
        {
            return "a blob name must not end with '/' (that is a folder)";
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                return "a blob name must not contain control characters";
            }

            if (c is '\\' or '?' or '#')
            {
                return $"a blob name must not contain '{c}'";
            }
        }

        var segments = name.Split('/');
        if (segments.Length > MaxSegments)
        {
            return $"a blob name has at most {MaxSegments} path segments";
        }

        foreach (var segment in segments)
        {
            if (segment.Length == 0)
            {
                return "a blob name must not contain '//'";
            }

            if (segment is "." or "..")
            {
                return $"a blob name must not contain a '{segment}' segment";
            }

            if (segment.EndsWith('.'))
            {
                // Azure strips a trailing dot from a segment, so "a./b" and "a/b" would be one blob.
                return "a path segment of a blob name must not end with '.'";
            }
        }

        return null;
    }

    /// <summary>
    /// Reads an API <c>input</c> such as <c>pairs/tickets.jsonl</c> and returns the blob name inside
    /// <see cref="PairsContainer"/> (<c>tickets.jsonl</c>); null with <paramref name="problem"/> set when it is not one.
    /// </summary>
    public static string? ParsePairsInput(string? input, out string? problem)
    {
        const string prefix = PairsContainer + "/";
        if (string.IsNullOrEmpty(input) || !input.StartsWith(prefix, StringComparison.Ordinal))
        {
            problem = $"input must be a blob in the '{PairsContainer}' container, written '{prefix}NAME' (e.g. {prefix}tickets.jsonl)";
            return null;
        }

        var name = input[prefix.Length..];
        problem = Problem(name);
        return problem is null ? name : null;
    }
}
