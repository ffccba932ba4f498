using System.Globalization;
using System.Text;
using System.Text.Json;
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

    public static PairRow Parse(ReadOnlySpan<byte> json, string file, long line)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        var parsed = new Parsed(file, line);
        try
        {
            if (!reader.Read())
            {
                return PairRow.Failed(parsed.Fail(null, "the record is empty"));
            }

            var error = reader.TokenType switch
            {
                JsonTokenType.StartArray => ParseArray(ref reader, parsed),
                JsonTokenType.StartObject => ParseObject(ref reader, parsed),
                _ => parsed.Fail(null, $"expected a pair, an array [\"text1\", \"text2\"] or an object with text1 and text2; found {Describe(reader.TokenType)}"),
            };

            if (error is null && reader.Read())
            {
                error = parsed.Fail(null, "unexpected content after the pair (one pair per line)");
            }

            if (error is not null)
            {
                return PairRow.Failed(error);
            }
        }
        catch (JsonException e)
        {
            return PairRow.Failed(parsed.Fail(null, $"malformed JSON at byte {e.BytePositionInLine ?? 0} of the record: {FirstSentence(e.Message)}"));
        }

        return new PairRow
        {
            Line = line,
            Text1 = parsed.Text1,
            Text2 = parsed.Text2,
            Score = parsed.Score ?? parsed.Label,
            Negative = string.IsNullOrEmpty(parsed.Negative) ? null : parsed.Negative,
            Group = string.IsNullOrEmpty(parsed.Group) ? null : parsed.Group,
            HasTextLabel = parsed.TextLabel,
        };
    }

    private static RowError? ParseArray(ref Utf8JsonReader reader, Parsed parsed)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (index)
            {
                case 0:
                case 1:
                    if (ReadText(ref reader, parsed, index == 0 ? "text1" : "text2", out var text) is { } textError)
                    {
                        return textError;
                    }

                    (index == 0 ? ref parsed.Text1 : ref parsed.Text2) = text;
                    break;
                case 2:
                case 3:
                    if (reader.TokenType == JsonTokenType.Number && parsed.Score is null)
                    {
                        parsed.Score = reader.GetDouble();
                    }
                    else if (reader.TokenType == JsonTokenType.String && parsed.Negative is null)
                    {
                        if (ReadText(ref reader, parsed, "negative", out parsed.Negative) is { } negativeError)
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

    private static RowError? ParseObject(ref Utf8JsonReader reader, Parsed parsed)
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
            var error = field switch
            {
                PairField.Text1 => ReadOnce(ref reader, parsed, key, ref text1Key, ref parsed.Text1),
                PairField.Text2 => ReadOnce(ref reader, parsed, key, ref text2Key, ref parsed.Text2),
                PairField.Score => ReadNumber(ref reader, parsed, key, out parsed.Score),
                PairField.Label => ReadLabel(ref reader, parsed, key),
                PairField.Negative => reader.TokenType == JsonTokenType.Null ? null : ReadText(ref reader, parsed, key, out parsed.Negative),
                PairField.Group => ReadGroup(ref reader, parsed, key, ref groupKey),
                _ => Skip(ref reader),
            };

            if (error is not null)
            {
                return error;
            }
        }

        if (text1Key is null)
        {
            return parsed.Fail("text1", "missing: give text1 (or anchor, sentence1, query)");
        }

        return text2Key is null ? parsed.Fail("text2", "missing: give text2 (or positive, sentence2, passage)") : null;
    }

    private static RowError? ReadOnce(ref Utf8JsonReader reader, Parsed parsed, string key, ref string? firstKey, ref string? text)
    {
        if (firstKey is not null)
        {
            return parsed.Fail(key, $"gives the same text as '{firstKey}'; use one of them");
        }

        firstKey = key;
        return ReadText(ref reader, parsed, key, out text);
    }

    private static RowError? ReadLabel(ref Utf8JsonReader reader, Parsed parsed, string key)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                parsed.TextLabel = true;
                return null;
            case JsonTokenType.True:
            case JsonTokenType.False:
                parsed.Label = reader.TokenType == JsonTokenType.True ? 1.0 : 0.0;
                return null;
            default:
                return ReadNumber(ref reader, parsed, key, out parsed.Label);
        }
    }

    private static RowError? ReadGroup(ref Utf8JsonReader reader, Parsed parsed, string key, ref string? groupKey)
    {
        if (groupKey is not null)
        {
            return parsed.Fail(key, $"gives the same group as '{groupKey}'; use one of them");
        }

        groupKey = key;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                // A numeric group is kept as written.
                parsed.Group = Encoding.UTF8.GetString(reader.ValueSpan);
                return null;
            case JsonTokenType.String:
                return ReadText(ref reader, parsed, key, out parsed.Group);
            default:
                return parsed.Fail(key, $"must be a string or a number; found {Describe(reader.TokenType)}");
        }
    }

    private static RowError? ReadText(ref Utf8JsonReader reader, Parsed parsed, string field, out string? text)
    {
        text = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            var found = reader.TokenType;
            Skip(ref reader);
            return parsed.Fail(field, $"must be a string; found {Describe(found)}");
        }

        try
        {
            text = reader.GetString();
            return null;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 or an escaped lone surrogate (\ud800): neither is text.
            return parsed.Fail(field, InvalidUtf8);
        }
    }

    private static RowError? ReadNumber(ref Utf8JsonReader reader, Parsed parsed, string field, out double? value)
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
                Skip(ref reader);
                return parsed.Fail(field, $"must be a number; found {Describe(found)}");
        }
    }

    private static RowError? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
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

    /// <summary>What parsing found so far.</summary>
    private sealed class Parsed(string file, long line)
    {
        public string? Text1;
        public string? Text2;
        public string? Negative;
        public string? Group;
        public double? Score;
        public double? Label;
        public bool TextLabel;

        public RowError Fail(string? field, string reason) => new(file, line, field, reason);
    }
}
