using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using PairTuner.Core.Serialization;

namespace PairTuner.Core.Formats;

/// <summary>
/// A fast path for the records nearly every pairs file is made of: a flat object such as
/// <c>{"text1": "…", "text2": "…", "score": 0.8}</c> or an array such as <c>["…", "…"]</c>, with
/// texts that hold no escapes. It reads them in one pass of vectorized searches instead of the
/// general JSON reader, and gives up (returns false) on anything else: escapes, nesting, a
/// malformed or unusual token, any record <see cref="JsonPairParser"/> would reject. The caller
/// then parses the record with <see cref="JsonPairParser"/>'s reader, so results and errors are
/// the reader's whatever the record; when this scanner does succeed, it finds exactly the
/// fields the reader would (tested against it on real rows and on every kind of bad row).
/// </summary>
internal static class PlainPairScanner
{
    // Where a string's content ends, or has something this path leaves to the reader.
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    // The same, plus DEL and every non-ASCII byte: what a text's scan must look at one by one.
    private static readonly SearchValues<byte> StringStopsOrNonAscii = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', .. Enumerable.Range(0x7F, 0x81).Select(b => (byte)b)]);

    private static readonly SearchValues<byte> NumberBytes = SearchValues.Create("0123456789+-.eE"u8);

    /// <summary>Scans one record; true with <paramref name="fields"/> set when it has the common shape.</summary>
    public static bool TryScan(ReadOnlySpan<byte> json, long line, out PairFields fields)
    {
        fields = default;
        var found = new Found();
        var at = SkipSpace(json, 0);
        if (at >= json.Length)
        {
            return false;
        }

        var scanned = json[at] switch
        {
            (byte)'{' => ScanObject(json, ref at, ref found),
            (byte)'[' => ScanArray(json, ref at, ref found),
            _ => false,
        };
        if (!scanned || SkipSpace(json, at) != json.Length)
        {
            return false;
        }

        fields = new PairFields
        {
            Line = line,
            HasText1 = true,
            Text1 = found.Text1.Of(json),
            HasText2 = true,
            Text2 = found.Text2.Of(json),
            Score = found.Score ?? found.Label,
            Negative = found.Negative.Of(json),
            Group = found.Group.Of(json),
            HasTextLabel = found.TextLabel,
            TextsPlain = found.Text1.Plain && found.Text2.Plain,
        };
        return true;
    }

    private static bool ScanObject(ReadOnlySpan<byte> json, ref int at, ref Found found)
    {
        at++;
        at = SkipSpace(json, at);
        if (at < json.Length && json[at] == (byte)'}')
        {
            return false;
        }

        bool text1 = false, text2 = false, group = false;
        while (true)
        {
            if (!ScanString(json, ref at, out var key) || !IsAscii(key.Of(json)))
            {
                return false;
            }

            at = SkipSpace(json, at);
            if (at >= json.Length || json[at] != (byte)':')
            {
                return false;
            }

            at = SkipSpace(json, at + 1);
            switch (PairFieldNames.Classify(key.Of(json), out _))
            {
                case PairField.Text1:
                    if (text1 || !ScanText(json, ref at, out found.Text1))
                    {
                        return false;
                    }

                    text1 = true;
                    break;
                case PairField.Text2:
                    if (text2 || !ScanText(json, ref at, out found.Text2))
                    {
                        return false;
                    }

                    text2 = true;
                    break;
                case PairField.Score:
                    if (!ScanNumberOrNull(json, ref at, out found.Score))
                    {
                        return false;
                    }

                    break;
                case PairField.Label:
                    if (!ScanLabel(json, ref at, ref found))
                    {
                        return false;
                    }

                    break;
                case PairField.Negative:
                    if (!ScanLiteral(json, ref at, "null"u8) && !ScanText(json, ref at, out found.Negative))
                    {
                        return false;
                    }

                    break;
                case PairField.Group:
                    if (group || !ScanGroup(json, ref at, ref found))
                    {
                        return false;
                    }

                    group = true;
                    break;
                default:
                    if (!SkipScalar(json, ref at))
                    {
                        return false;
                    }

                    break;
            }

            at = SkipSpace(json, at);
            if (at >= json.Length)
            {
                return false;
            }

            if (json[at] == (byte)'}')
            {
                at++;
                return text1 && text2;
            }

            if (json[at] != (byte)',')
            {
                return false;
            }

            at = SkipSpace(json, at + 1);
        }
    }

    private static bool ScanArray(ReadOnlySpan<byte> json, ref int at, ref Found found)
    {
        at = SkipSpace(json, at + 1);
        for (var index = 0; ; index++)
        {
            switch (index)
            {
                case 0:
                    if (!ScanText(json, ref at, out found.Text1))
                    {
                        return false;
                    }

                    break;
                case 1:
                    if (!ScanText(json, ref at, out found.Text2))
                    {
                        return false;
                    }

                    break;
                case 2:
                case 3:
                    // As the reader takes them: a score and a negative, once each, in either order; null is skipped.
                    if (at < json.Length && json[at] == (byte)'"')
                    {
                        if (found.Negative.Present || !ScanText(json, ref at, out found.Negative))
                        {
                            return false;
                        }
                    }
                    else if (!ScanLiteral(json, ref at, "null"u8))
                    {
                        if (found.Score is not null || !ScanNumber(json, ref at, out var score))
                        {
                            return false;
                        }

                        found.Score = score;
                    }

                    break;
                default:
                    return false;
            }

            at = SkipSpace(json, at);
            if (at >= json.Length)
            {
                return false;
            }

            if (json[at] == (byte)']')
            {
                at++;
                return index >= 1;
            }

            if (json[at] != (byte)',')
            {
                return false;
            }

            at = SkipSpace(json, at + 1);
        }
    }

    private static bool ScanLabel(ReadOnlySpan<byte> json, ref int at, ref Found found)
    {
        if (at < json.Length && json[at] == (byte)'"')
        {
            // A text label (SICK's "entailment") is only counted.
            if (!ScanString(json, ref at, out var text) || !Utf8.IsValid(text.Of(json)))
            {
                return false;
            }

            found.TextLabel = true;
            return true;
        }

        if (ScanLiteral(json, ref at, "true"u8))
        {
            found.Label = 1.0;
            return true;
        }

        if (ScanLiteral(json, ref at, "false"u8))
        {
            found.Label = 0.0;
            return true;
        }

        return ScanNumberOrNull(json, ref at, out found.Label);
    }

    private static bool ScanGroup(ReadOnlySpan<byte> json, ref int at, ref Found found)
    {
        if (ScanLiteral(json, ref at, "null"u8))
        {
            return true;
        }

        if (at < json.Length && json[at] == (byte)'"')
        {
            return ScanText(json, ref at, out found.Group);
        }

        // A numeric group is kept as written.
        var start = at;
        if (!ScanNumber(json, ref at, out _))
        {
            return false;
        }

        found.Group = new Slot(true, start, at - start);
        return true;
    }

    /// <summary>
    /// A text: a string without escapes or control characters, and valid UTF-8. Read in one pass
    /// that also tells whether the pairs writer copies it as it is (<see cref="Slot.Plain"/>):
    /// ASCII runs are skipped at vector speed, and each other character is decoded once.
    /// </summary>
    private static bool ScanText(ReadOnlySpan<byte> json, ref int at, out Slot text)
    {
        text = default;
        if (at >= json.Length || json[at] != (byte)'"')
        {
            return false;
        }

        var start = at + 1;
        var next = start;
        var plain = true;
        while (true)
        {
            var stop = json[next..].IndexOfAny(StringStopsOrNonAscii);
            if (stop < 0)
            {
                return false;
            }

            next += stop;
            if (json[next] == (byte)'"')
            {
                text = new Slot(true, start, next - start, plain);
                at = next + 1;
                return true;
            }

            // A control character or an escape is left to the reader; so is invalid UTF-8.
            if (json[next] < 0x7F || Rune.DecodeFromUtf8(json[next..], out var rune, out var width) != OperationStatus.Done)
            {
                return false;
            }

            plain &= JsonTextEscaping.IsWrittenAsIs(rune);
            next += width;
        }
    }

    private static bool ScanString(ReadOnlySpan<byte> json, ref int at, out Slot content)
    {
        content = default;
        if (at >= json.Length || json[at] != (byte)'"')
        {
            return false;
        }

        var start = at + 1;
        var length = json[start..].IndexOfAny(StringStops);
        if (length < 0 || json[start + length] != (byte)'"')
        {
            return false;
        }

        content = new Slot(true, start, length);
        at = start + length + 1;
        return true;
    }

    private static bool ScanNumberOrNull(ReadOnlySpan<byte> json, ref int at, out double? value)
    {
        value = null;
        if (ScanLiteral(json, ref at, "null"u8))
        {
            return true;
        }

        if (!ScanNumber(json, ref at, out var number))
        {
            return false;
        }

        value = number;
        return true;
    }

    /// <summary>A JSON number with a finite value, parsed as the reader's GetDouble parses it.</summary>
    private static bool ScanNumber(ReadOnlySpan<byte> json, ref int at, out double value)
    {
        value = 0;
        var rest = json[at..];
        var length = rest.IndexOfAnyExcept(NumberBytes);
        if (length < 0)
        {
            length = rest.Length;
        }

        var number = rest[..length];
        if (!IsJsonNumber(number)
            || !Utf8Parser.TryParse(number, out value, out var consumed)
            || consumed != number.Length
            || !double.IsFinite(value))
        {
            return false;
        }

        at += length;
        return true;
    }

    /// <summary>-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?</summary>
    private static bool IsJsonNumber(ReadOnlySpan<byte> number)
    {
        var i = 0;
        if (i < number.Length && number[i] == (byte)'-')
        {
            i++;
        }

        if (i >= number.Length || !char.IsAsciiDigit((char)number[i]))
        {
            return false;
        }

        if (number[i] == (byte)'0')
        {
            i++;
        }
        else
        {
            i = Digits(number, i);
        }

        if (i < number.Length && number[i] == (byte)'.')
        {
            var after = Digits(number, i + 1);
            if (after == i + 1)
            {
                return false;
            }

            i = after;
        }

        if (i < number.Length && (number[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < number.Length && number[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var after = Digits(number, i);
            if (after == i)
            {
                return false;
            }

            i = after;
        }

        return i == number.Length;
    }

    private static int Digits(ReadOnlySpan<byte> number, int i)
    {
        while (i < number.Length && char.IsAsciiDigit((char)number[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Skips the value of a key that is not a pair field: a string, number, true, false or null.</summary>
    private static bool SkipScalar(ReadOnlySpan<byte> json, ref int at)
    {
        if (at >= json.Length)
        {
            return false;
        }

        return json[at] switch
        {
            (byte)'"' => ScanString(json, ref at, out var text) && Utf8.IsValid(text.Of(json)),
            (byte)'t' => ScanLiteral(json, ref at, "true"u8),
            (byte)'f' => ScanLiteral(json, ref at, "false"u8),
            (byte)'n' => ScanLiteral(json, ref at, "null"u8),
            _ => ScanNumber(json, ref at, out _),
        };
    }

    /// <summary>A literal followed by a delimiter (the reader rejects <c>nullx</c>).</summary>
    private static bool ScanLiteral(ReadOnlySpan<byte> json, ref int at, ReadOnlySpan<byte> literal)
    {
        if (!json[at..].StartsWith(literal))
        {
            return false;
        }

        var end = at + literal.Length;
        if (end < json.Length && json[end] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return false;
        }

        at = end;
        return true;
    }

    private static int SkipSpace(ReadOnlySpan<byte> json, int at)
    {
        while (at < json.Length && json[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            at++;
        }

        return at;
    }

    private static bool IsAscii(ReadOnlySpan<byte> bytes) => System.Text.Ascii.IsValid(bytes);

    /// <summary>Where a value is in the record.</summary>
    /// <summary>Where a value is in the record; <paramref name="Plain"/> when it is a text the pairs writer copies as it is.</summary>
    private readonly record struct Slot(bool Present, int Start, int Length, bool Plain = false)
    {
        public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> json) => Present ? json.Slice(Start, Length) : [];
    }

    private struct Found
    {
        public Slot Text1;
        public Slot Text2;
        public Slot Negative;
        public Slot Group;
        public double? Score;
        public double? Label;
        public bool TextLabel;
    }
}
