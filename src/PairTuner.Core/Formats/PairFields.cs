using System.Text;

namespace PairTuner.Core.Formats;

/// <summary>
/// One record's fields as a reader found them: UTF-8, unescaped and valid, not yet trimmed or
/// checked. The spans point into the record itself or into a scratch buffer of the reader, so a
/// JSON Lines record is validated and rewritten without a single string being made.
/// </summary>
public readonly ref struct PairFields
{
    public required long Line { get; init; }

    /// <summary>False when the record has no text1 at all (a missing column); empty when it is "".</summary>
    public bool HasText1 { get; init; }

    public ReadOnlySpan<byte> Text1 { get; init; }

    public bool HasText2 { get; init; }

    public ReadOnlySpan<byte> Text2 { get; init; }

    /// <summary>The score as written (before any rescaling); a numeric <c>label</c> counts as a score.</summary>
    public double? Score { get; init; }

    /// <summary>Empty when there is none.</summary>
    public ReadOnlySpan<byte> Negative { get; init; }

    /// <summary>Empty when there is none.</summary>
    public ReadOnlySpan<byte> Group { get; init; }

    /// <summary>The record had a text <c>label</c> (SICK's <c>entailment</c>): not a score, only counted.</summary>
    public bool HasTextLabel { get; init; }

    /// <summary>
    /// Set by a reader that saw, while reading, that text1 and text2 hold only characters the
    /// pairs writer copies as they are (<see cref="Serialization.JsonTextEscaping"/>); false says nothing.
    /// </summary>
    public bool TextsPlain { get; init; }

    /// <summary>How many scratch bytes <see cref="Of(PairRow, Span{byte})"/> may need for <paramref name="row"/>.</summary>
    public static int ScratchBytes(PairRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Encoding.UTF8.GetMaxByteCount((row.Text1?.Length ?? 0) + (row.Text2?.Length ?? 0) + (row.Negative?.Length ?? 0) + (row.Group?.Length ?? 0));
    }

    /// <summary>The fields of a row a string-based reader (CSV, TSV, JSON array) made, encoded into <paramref name="scratch"/>.</summary>
    public static PairFields Of(PairRow row, Span<byte> scratch)
    {
        ArgumentNullException.ThrowIfNull(row);
        var used = 0;
        static ReadOnlySpan<byte> Encode(string? text, Span<byte> into, scoped ref int used)
        {
            if (string.IsNullOrEmpty(text))
            {
                return [];
            }

            var written = Encoding.UTF8.GetBytes(text, into[used..]);
            var encoded = into.Slice(used, written);
            used += written;
            return encoded;
        }

        return new PairFields
        {
            Line = row.Line,
            HasText1 = row.Text1 is not null,
            Text1 = Encode(row.Text1, scratch, ref used),
            HasText2 = row.Text2 is not null,
            Text2 = Encode(row.Text2, scratch, ref used),
            Score = row.Score,
            Negative = Encode(row.Negative, scratch, ref used),
            Group = Encode(row.Group, scratch, ref used),
            HasTextLabel = row.HasTextLabel,
        };
    }

    /// <summary>The same fields as strings, for callers that want a <see cref="PairRow"/>.</summary>
    public PairRow ToRow() => new()
    {
        Line = Line,
        Text1 = HasText1 ? Encoding.UTF8.GetString(Text1) : null,
        Text2 = HasText2 ? Encoding.UTF8.GetString(Text2) : null,
        Score = Score,
        Negative = Negative.IsEmpty ? null : Encoding.UTF8.GetString(Negative),
        Group = Group.IsEmpty ? null : Encoding.UTF8.GetString(Group),
        HasTextLabel = HasTextLabel,
    };
}
