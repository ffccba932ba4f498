namespace PairTuner.Core.Formats;

/// <summary>The pairs file formats PairTuner reads. docs/pairs-files.md shows a sample of each.</summary>
public enum PairsFormat
{
    /// <summary>One JSON array of pairs, the reference's <c>[["text", "similar text"], ...]</c>.</summary>
    JsonArray,

    /// <summary>One pair per line: <c>["a", "b"]</c>, <c>["a", "b", 0.8]</c> or an object with <c>text1</c>/<c>text2</c>.</summary>
    JsonLines,

    /// <summary>Comma-separated values (RFC 4180 quoting), with or without a header row.</summary>
    Csv,

    /// <summary>Tab-separated values (RFC 4180 quoting), with or without a header row.</summary>
    Tsv,
}
