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

    public static PairRow Parse(ReadOnlySpan<byte> json, string file, long line)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                return Fail(file, line, null, "the record is empty");
            }

            var row = reader.TokenType switch
            {
                JsonTokenType.StartArray => ParseArray(ref reader, file, line),
                JsonTokenType.StartObject => ParseObject(ref reader, file, line),
                _ => Fail(file, line, null, $"expected a pair, an array [\"text1\", \"text2\"] or an object with text1 and text2; found {Describe(reader.TokenType)}"),
            };

            if (row.Error is null && reader.Read())
            {
                return Fail(file, line, null, "unexpected content after the pair (one pair per line)");
            }

            return row;
        }
        catch (JsonException e)
        {
            return Fail(file, line, null, $"malformed JSON at byte {e.BytePositionInLine ?? 0} of the record: {FirstSentence(e.Message)}");
        }
    }

    private static PairRow ParseArray(ref Utf8JsonReader reader, string file, long line)
    {
        string? text1 = null, text2 = null, negative = null;
        double? score = null;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (index)
            {
                case 0:
                case 1:
                    var field = index == 0 ? "text1" : "text2";
                    if (ReadText(ref reader, file, line, field, out var text) is { } textError)
                    {
                        return textError;
                    }

                    if (index == 0)
                    {
                        text1 = text;
                    }
                    else
                    {
                        text2 = text;
                    }

                    break;
                case 2:
                case 3:
                    if (reader.TokenType == JsonTokenType.Number && score is null)
                    {
                        score = reader.GetDouble();
                    }
                    else if (reader.TokenType == JsonTokenType.String && negative is null)
                    {
                        if (ReadText(ref reader, file, line, "negative", out negative) is { } negativeError)
                        {
                            return negativeError;
                        }
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        return Fail(file, line, index == 2 ? "score" : "negative", $"element {index + 1} must be a score (number) or a hard negative (string), once each; found {Describe(reader.TokenType)}");
                    }

                    break;
                default:
                    return Fail(file, line, null, "too many elements: a pair is [text1, text2], optionally followed by a score and a hard negative");
            }

            index++;
        }

        if (index < 2)
        {
            return Fail(file, line, index == 0 ? "text1" : "text2", "missing: a pair needs two texts");
        }

        return new PairRow { Line = line, Text1 = text1, Text2 = text2, Score = score, Negative = negative };
    }

    private static PairRow ParseObject(ref Utf8JsonReader reader, string file, long line)
    {
        string? text1 = null, text2 = null, negative = null, group = null;
        string? text1Key = null, text2Key = null, groupKey = null;
        double? score = null, label = null;
        var textLabel = false;
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
                        return Fail(file, line, key, $"gives the same text as '{firstKey}'; use one of them");
                    }

                    if (ReadText(ref reader, file, line, key, out var text) is { } textError)
                    {
                        return textError;
                    }

                    if (field == PairField.Text1)
                    {
                        (text1, text1Key) = (text, key);
                    }
                    else
                    {
                        (text2, text2Key) = (text, key);
                    }

                    break;
                case PairField.Score:
                    if (ReadNumber(ref reader, file, line, key, out score) is { } scoreError)
                    {
                        return scoreError;
                    }

                    break;
                case PairField.Label:
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.String:
                            textLabel = true;
                            break;
                        case JsonTokenType.True:
                        case JsonTokenType.False:
                            label = reader.TokenType == JsonTokenType.True ? 1.0 : 0.0;
                            break;
                        default:
                            if (ReadNumber(ref reader, file, line, key, out label) is { } labelError)
                            {
                                return labelError;
                            }

                            break;
                    }

                    break;
                case PairField.Negative:
                    if (reader.TokenType != JsonTokenType.Null
                        && ReadText(ref reader, file, line, key, out negative) is { } negativeError)
                    {
                        return negativeError;
                    }

                    break;
                case PairField.Group:
                    if (groupKey is not null)
                    {
                        return Fail(file, line, key, $"gives the same group as '{groupKey}'; use one of them");
                    }

                    groupKey = key;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.Null:
                            break;
                        case JsonTokenType.Number:
                            group = Encoding.UTF8.GetString(reader.ValueSpan);
                            break;
                        case JsonTokenType.String:
                            if (ReadText(ref reader, file, line, key, out group) is { } groupError)
                            {
                                return groupError;
                            }

                            break;
                        default:
                            return Fail(file, line, key, $"must be a string or a number; found {Describe(reader.TokenType)}");
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (text1Key is null)
        {
            return Fail(file, line, "text1", "missing: give text1 (or anchor, sentence1, query)");
        }

        if (text2Key is null)
        {
            return Fail(file, line, "text2", "missing: give text2 (or positive, sentence2, passage)");
        }

        return new PairRow
        {
            Line = line,
            Text1 = text1,
            Text2 = text2,
            Score = score ?? label,
            Negative = negative,
            Group = group,
            HasTextLabel = textLabel,
        };
    }

    private static PairRow? ReadText(ref Utf8JsonReader reader, string file, long line, string field, out string? text)
    {
        text = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            var found = reader.TokenType;
            if (found is JsonTokenType.StartArray or JsonTokenType.StartObject)
            {
                reader.Skip();
            }

            return Fail(file, line, field, $"must be a string; found {Describe(found)}");
        }

        try
        {
            text = reader.GetString();
            return null;
        }
        catch (InvalidOperationException)
        {
            return Fail(file, line, field, "invalid UTF-8: the file must be UTF-8 encoded");
        }
    }

    private static PairRow? ReadNumber(ref Utf8JsonReader reader, string file, long line, string field, out double? value)
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

                return Fail(file, line, field, $"must be a number; found {Describe(found)}");
        }
    }

    private static PairRow Fail(string file, long line, string? field, string reason)
        => PairRow.Failed(new RowError(file, line, field, reason));

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
