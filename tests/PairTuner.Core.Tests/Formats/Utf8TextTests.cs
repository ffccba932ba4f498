using System.Text;
using PairTuner.Core.Formats;

namespace PairTuner.Core.Tests.Formats;

public class Utf8TextTests
{
    public static TheoryData<string> Texts() =>
    [
        "plain",
        "  padded\t\r\n",
        "\u00A0no-break spaces\u00A0",
        "\u2003em space and ideographic space\u3000",
        "\u0085next line\u2028\u2029",
        "inner   spaces stay",
        "café \U0001F600 ",
        " \u200B zero width space is not white space \u200B",
        "\u180E mongolian vowel separator",
        "   ",
        "\u3000\u00A0",
        string.Empty,
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Trim_cuts_exactly_what_string_Trim_cuts(string text)
    {
        var trimmed = Utf8Text.Trim(Encoding.UTF8.GetBytes(text));
        Assert.Equal(text.Trim(), Encoding.UTF8.GetString(trimmed));
    }

    [Fact]
    public void Trim_agrees_with_string_Trim_for_every_BMP_character_at_both_ends()
    {
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }

            var text = $"{(char)c}x{(char)c}";
            var trimmed = Encoding.UTF8.GetString(Utf8Text.Trim(Encoding.UTF8.GetBytes(text)));
            Assert.True(text.Trim() == trimmed, $"U+{c:X4}");
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Utf16Length_is_the_string_length(string text)
    {
        Assert.Equal(text.Length, Utf8Text.Utf16Length(Encoding.UTF8.GetBytes(text)));
    }
}
