using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Formats;

/// <summary>
/// Parses one pair written as JSON, a JSON Lines line or one element of a JSON array:
/// <c>["a", "b"]</c>, <c>["a", "b", 0.8]</c>, <c>["anchor", "positive", "negative"]</c>, or an object
/// with <c>text1</c>/<c>text2</c> (or anchor/positive, sentence1/sentence2, query/passage), optional
/// <c>score</c> or numeric <c>label</c>, <c>negative</c>, and <c>group</c> or <c>image_id</c>.
/// Other keys are ignored. The first problem found rejects the record.
/// </summary>
public static class JsonPairParser
{
    // AllowMultipleValues: a second value on the line is read as a token, so the error can say so
    // plainly instead of the reader's generic complaint.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16, AllowMultipleValues = true };

    private const string InvalidUtf8 = "invalid UTF-8: the file must be UTF-8 encoded";

    /// <summary>Parses a record into strings: for readers that hand on <see cref="PairRow"/>s.</summary>
    public static PairRow Parse(ReadOnlySpan<byte> json, string file, long line)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(Math.Max(json.Length, 16));
        try
        {
            return Parse(json, file, line, scratch, out var fields) is { } error ? PairRow.Failed(error) : fields.ToRow();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Parses a record without decoding it: the texts stay UTF-8, pointing into
    /// <paramref name="json"/> or, when they hold escapes, unescaped into <paramref name="scratch"/>
    /// (at least <paramref name="json"/>'s length: unescaping never lengthens a text).
    /// Returns the first problem found, or null with <paramref name="fields"/> set.
    /// </summary>
    public static RowError? Parse(ReadOnlySpan<byte> json, string file, long line, Span<byte> scratch, out PairFields fields)
    {
        if (scratch.Length < json.Length)
        {
            throw new ArgumentException("The scratch buffer must be at least as long as the record.", nameof(scratch));
        }

        // Most records have the plain shape the scanner reads without the general reader; it
        // finds the same fields, and leaves everything else (and every error) to the reader.
        return PlainPairScanner.TryScan(json, line, out fields) ? null : ParseWithReader(json, file, line, scratch, out fields);
    }

    /// <summary>The same, always with <see cref="Utf8JsonReader"/>: what the scanner is tested against.</summary>
    internal static RowError? ParseWithReader(ReadOnlySpan<byte> json, string file, long line, Span<byte> scratch, out PairFields fields)
    {
        fields = default;
        var reader = new Utf8JsonReader(json, ReaderOptions);
        var parsed = new Parsed(file, line);
        try
        {
            if (!reader.Read())
            {
                return parsed.Fail(null, "the record is empty");
            }

            var error = reader.TokenType switch
            {
                JsonTokenType.StartArray => ParseArray(ref reader, ref parsed, scratch),
                JsonTokenType.StartObject => ParseObject(ref reader, ref parsed, scratch),
                _ => parsed.Fail(null, $"expected a pair, an array [\"text1\", \"text2\"] or an object with text1 and text2; found {Describe(reader.TokenType)}"),
            };

            if (error is null && reader.Read())
            {
                return parsed.Fail(null, "unexpected content after the pair (one pair per line)");
            }

            if (error is not null)
            {
                return error;
            }
        }
        catch (JsonException e)
        {
            return parsed.Fail(null, $"malformed JSON at byte {e.BytePositionInLine ?? 0} of the record: {FirstSentence(e.Message)}");
        }

        fields = new PairFields
        {
            Line = line,
            HasText1 = parsed.Text1.Present,
            Text1 = parsed.Text1.In(json, scratch),
            HasText2 = parsed.Text2.Present,
            Text2 = parsed.Text2.In(json, scratch),
            Score = parsed.Score ?? parsed.Label,
            Negative = parsed.Negative.In(json, scratch),
            Group = parsed.Group.In(json, scratch),
            HasTextLabel = parsed.TextLabel,
        };
        return null;
    }

    private static RowError? ParseArray(ref Utf8JsonReader reader, ref Parsed parsed, Span<byte> scratch)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (index)
            {
                case 0:
                case 1:
                    var field = index == 0 ? "text1" : "text2";
                    if (ReadText(ref reader, ref parsed, field, scratch, out var text) is { } textError)
                    {
                        return textError;
                    }

                    if (index == 0)
                    {
                        parsed.Text1 = text;
                    }
                    else
                    {
                        parsed.Text2 = text;
                    }

                    break;
                case 2:
                case 3:
                    if (reader.TokenType == JsonTokenType.Number && parsed.Score is null)
                    {
                        parsed.Score = reader.GetDouble();
                    }
                    else if (reader.TokenType == JsonTokenType.String && !parsed.Negative.Present)
                    {
                        if (ReadText(ref reader, ref parsed, "negative", scratch, out parsed.Negative) is { } negativeError)
                        {
                            return negativeError;
                        }
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        return parsed.Fail(index == 2 ? "score" : "negative", $"element {index + 1} must be a score (number) or a hard negative (string), once each; found {Describe(reader.TokenType)}");
                    }

                    break;
                default:
                    return parsed.Fail(null, "too many elements: a pair is [text1, text2], optionally followed by a score and a hard negative");
            }

            index++;
        }

        return index < 2 ? parsed.Fail(index == 0 ? "text1" : "text2", "missing: a pair needs two texts") : null;
    }

    private static RowError? ParseObject(ref Utf8JsonReader reader, ref Parsed parsed, Span<byte> scratch)
    {
        string? text1Key = null, text2Key = null, groupKey = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Known keys are matched on the raw bytes; only an escaped key (rare) is decoded first.
            PairField? field;
            string key;
            if (reader.ValueIsEscaped)
            {
                key = reader.GetString()!;
                field = PairFieldNames.Classify(key);
            }
            else
            {
                field = PairFieldNames.Classify(reader.ValueSpan, out var known);
                key = known ?? string.Empty;
            }

            reader.Read();
            switch (field)
            {
                case PairField.Text1:
                case PairField.Text2:
                    var firstKey = field == PairField.Text1 ? text1Key : text2Key;
                    if (firstKey is not null)
                    {
                        return parsed.Fail(key, $"gives the same text as '{firstKey}'; use one of them");
                    }

                    if (ReadText(ref reader, ref parsed, key, scratch, out var text) is { } textError)
                    {
                        return textError;
                    }

                    if (field == PairField.Text1)
                    {
                        (parsed.Text1, text1Key) = (text, key);
                    }
                    else
                    {
                        (parsed.Text2, text2Key) = (text, key);
                    }

                    break;
                case PairField.Score:
                    if (ReadNumber(ref reader, parsed.File, parsed.Line, key, out parsed.Score) is { } scoreError)
                    {
                        return scoreError;
                    }

                    break;
                case PairField.Label:
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.String:
                            parsed.TextLabel = true;
                            break;
                        case JsonTokenType.True:
                        case JsonTokenType.False:
                            parsed.Label = reader.TokenType == JsonTokenType.True ? 1.0 : 0.0;
                            break;
                        default:
                            if (ReadNumber(ref reader, parsed.File, parsed.Line, key, out parsed.Label) is { } labelError)
                            {
                                return labelError;
                            }

                            break;
                    }

                    break;
                case PairField.Negative:
                    if (reader.TokenType != JsonTokenType.Null
                        && ReadText(ref reader, ref parsed, key, scratch, out parsed.Negative) is { } negativeError)
                    {
                        return negativeError;
                    }

                    break;
                case PairField.Group:
                    if (groupKey is not null)
                    {
                        return parsed.Fail(key, $"gives the same group as '{groupKey}'; use one of them");
                    }

                    groupKey = key;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.Null:
                            break;
                        case JsonTokenType.Number:
                            parsed.Group = TextSlot.InRecord((int)reader.TokenStartIndex, reader.ValueSpan.Length);
                            break;
                        case JsonTokenType.String:
                            if (ReadText(ref reader, ref parsed, key, scratch, out parsed.Group) is { } groupError)
                            {
                                return groupError;
                            }

                            break;
                        default:
                            return parsed.Fail(key, $"must be a string or a number; found {Describe(reader.TokenType)}");
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (text1Key is null)
        {
            return parsed.Fail("text1", "missing: give text1 (or anchor, sentence1, query)");
        }

        return text2Key is null ? parsed.Fail("text2", "missing: give text2 (or positive, sentence2, passage)") : null;
    }

    private static RowError? ReadText(ref Utf8JsonReader reader, ref Parsed parsed, string field, Span<byte> scratch, out TextSlot text)
    {
        text = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            var found = reader.TokenType;
            if (found is JsonTokenType.StartArray or JsonTokenType.StartObject)
            {
                reader.Skip();
            }

            return parsed.Fail(field, $"must be a string; found {Describe(found)}");
        }

        ReadOnlySpan<byte> value;
        if (!reader.ValueIsEscaped)
        {
            value = reader.ValueSpan;
            text = TextSlot.InRecord((int)reader.TokenStartIndex + 1, value.Length);
        }
        else
        {
            try
            {
                var written = reader.CopyString(scratch[parsed.ScratchUsed..]);
                value = scratch.Slice(parsed.ScratchUsed, written);
                text = TextSlot.InScratch(parsed.ScratchUsed, written);
                parsed.ScratchUsed += written;
            }
            catch (InvalidOperationException)
            {
                // An escaped lone surrogate (\ud800) cannot be UTF-8 either.
                return parsed.Fail(field, InvalidUtf8);
            }
        }

        return Utf8.IsValid(value) ? null : parsed.Fail(field, InvalidUtf8);
    }

    private static RowError? ReadNumber(ref Utf8JsonReader reader, string file, long line, string field, out double? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                value = reader.GetDouble();
                return null;
            default:
                var found = reader.TokenType;
                if (found is JsonTokenType.StartArray or JsonTokenType.StartObject)
                {
                    reader.Skip();
                }

                return new RowError(file, line, field, $"must be a number; found {Describe(found)}");
        }
    }

    /// <summary>Where a text was found: in the record (unescaped) or in the scratch buffer (unescaped there).</summary>
    private readonly record struct TextSlot(bool Present, bool Scratch, int Start, int Length)
    {
        public static TextSlot InRecord(int start, int length) => new(true, false, start, length);

        public static TextSlot InScratch(int start, int length) => new(true, true, start, length);

        public ReadOnlySpan<byte> In(ReadOnlySpan<byte> record, ReadOnlySpan<byte> scratch)
            => !Present ? [] : (Scratch ? scratch : record).Slice(Start, Length);
    }

    /// <summary>What parsing found so far; offsets rather than spans, so it can be passed by reference freely.</summary>
    private struct Parsed(string file, long line)
    {
        public readonly string File = file;
        public readonly long Line = line;
        public TextSlot Text1;
        public TextSlot Text2;
        public TextSlot Negative;
        public TextSlot Group;
        public double? Score;
        public double? Label;
        public bool TextLabel;
        public int ScratchUsed;

        public readonly RowError Fail(string? field, string reason) => new(File, Line, field, reason);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true/false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => token.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: n." to its messages; the
    // report gives the file's own line instead.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
