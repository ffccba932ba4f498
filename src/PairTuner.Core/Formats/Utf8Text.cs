using System.Text;

namespace PairTuner.Core.Formats;

/// <summary>
/// What validation needs of a text, computed on its UTF-8 bytes: trimming with
/// <see cref="string.Trim()"/>'s notion of white space and the length in UTF-16 characters (the
/// unit of <c>limits.maxTextChars</c>), so no string is made for a text that is only passed on.
/// </summary>
public static class Utf8Text
{
    /// <summary>The text without leading and trailing white space (<see cref="char.IsWhiteSpace(char)"/>), as <see cref="string.Trim()"/> would cut it.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty)
        {
            var width = LeadingWhiteSpace(text);
            if (width == 0)
            {
                break;
            }

            text = text[width..];
        }

        while (!text.IsEmpty)
        {
            var width = TrailingWhiteSpace(text);
            if (width == 0)
            {
                break;
            }

            text = text[..^width];
        }

        return text;
    }

    /// <summary>Length in UTF-16 code units, as <see cref="string.Length"/> counts it; never more than the byte count.</summary>
    public static int Utf16Length(ReadOnlySpan<byte> text) => Encoding.UTF8.GetCharCount(text);

    private static int LeadingWhiteSpace(ReadOnlySpan<byte> text)
    {
        if (text[0] < 0x80)
        {
            return char.IsWhiteSpace((char)text[0]) ? 1 : 0;
        }

        Rune.DecodeFromUtf8(text, out var rune, out var width);
        return Rune.IsWhiteSpace(rune) ? width : 0;
    }

    private static int TrailingWhiteSpace(ReadOnlySpan<byte> text)
    {
        if (text[^1] < 0x80)
        {
            return char.IsWhiteSpace((char)text[^1]) ? 1 : 0;
        }

        Rune.DecodeLastFromUtf8(text, out var rune, out var width);
        return Rune.IsWhiteSpace(rune) ? width : 0;
    }
}
