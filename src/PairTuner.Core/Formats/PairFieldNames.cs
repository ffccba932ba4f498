namespace PairTuner.Core.Formats;

/// <summary>
/// The column and key names PairTuner understands, after the conventions of sentence-transformers
/// datasets. Anything else (ids, split names, provenance) is ignored.
/// </summary>
public static class PairFieldNames
{
    public static IReadOnlyList<string> Text1 { get; } = ["text1", "anchor", "sentence1", "query"];

    public static IReadOnlyList<string> Text2 { get; } = ["text2", "positive", "sentence2", "passage"];

    public const string Score = "score";

    /// <summary>A numeric label is a score (MRPC's 0/1); a text label (SICK's <c>entailment</c>) is ignored.</summary>
    public const string Label = "label";

    public const string Negative = "negative";

    /// <summary><c>group</c>, or COCO's <c>image_id</c>: pairs of one group are positives of each other.</summary>
    public static IReadOnlyList<string> Group { get; } = ["group", "image_id"];

    /// <summary>The role of a column or key, or null when PairTuner ignores it (case-insensitive).</summary>
    public static PairField? Classify(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim();
        if (Contains(Text1, key))
        {
            return PairField.Text1;
        }

        if (Contains(Text2, key))
        {
            return PairField.Text2;
        }

        if (key.Equals(Score, StringComparison.OrdinalIgnoreCase))
        {
            return PairField.Score;
        }

        if (key.Equals(Label, StringComparison.OrdinalIgnoreCase))
        {
            return PairField.Label;
        }

        if (key.Equals(Negative, StringComparison.OrdinalIgnoreCase))
        {
            return PairField.Negative;
        }

        return Contains(Group, key) ? PairField.Group : null;
    }

    /// <summary>
    /// <see cref="Classify(string)"/> on a UTF-8 JSON key without allocating for it; <paramref name="name"/>
    /// is the known name it matched (lower case), for messages.
    /// </summary>
    public static PairField? Classify(ReadOnlySpan<byte> utf8Name, out string? name)
    {
        foreach (var (bytes, known, field) in Utf8Names)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(utf8Name, bytes))
            {
                name = known;
                return field;
            }
        }

        name = null;
        return null;
    }

    private static readonly (byte[] Bytes, string Name, PairField Field)[] Utf8Names = BuildUtf8Names();

    private static (byte[] Bytes, string Name, PairField Field)[] BuildUtf8Names()
    {
        var names = new List<(byte[], string, PairField)>();
        void Add(IEnumerable<string> aliases, PairField field)
        {
            foreach (var alias in aliases)
            {
                names.Add((System.Text.Encoding.UTF8.GetBytes(alias), alias, field));
            }
        }

        Add(Text1, PairField.Text1);
        Add(Text2, PairField.Text2);
        Add([Score], PairField.Score);
        Add([Label], PairField.Label);
        Add([Negative], PairField.Negative);
        Add(Group, PairField.Group);
        return names.ToArray();
    }

    private static bool Contains(IReadOnlyList<string> names, string key)
    {
        foreach (var name in names)
        {
            if (name.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
