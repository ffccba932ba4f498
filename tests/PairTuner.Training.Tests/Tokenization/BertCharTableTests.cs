using PairTuner.Training.Tokenization;

namespace PairTuner.Training.Tests.Tokenization;

public sealed class BertCharTableTests
{
    [Fact]
    public void Runs_shifts_sequences_and_supplementary_ranges_are_read()
    {
        var table = BertCharTable.Parse(new StringReader("# comment\n0041..005A w +32\n00C0 w 0061\n0009 s +23\n20000..2A6DF c =\n0300..036F w -\n"), "test");

        Assert.Equal(new CharMapping(CharClass.Word, CharMappingKind.Shift, 32, null), table.Get('Q'));
        Assert.Equal([0x61], table.Get(0xC0).CodePoints!);
        Assert.Equal(CharClass.Whitespace, table.ClassOf('\t'));
        Assert.Equal(CharClass.Chinese, table.Get(0x20001).Class);
        Assert.Equal(CharClass.Word, table.ClassOf(0x20001));
        Assert.Equal(CharMappingKind.Removed, table.Get(0x301).Kind);
        Assert.Equal(CharMapping.Plain, table.Get(0x1F600));
        // Hangul syllables decompose by the Unicode algorithm without being listed.
        Assert.Equal([0x1100, 0x1161, 0x11A8], table.Get(0xAC01).CodePoints!);
    }

    [Theory]
    [InlineData("0041 w", "line 1")]
    [InlineData("0041 w =\nZZZZ w =", "line 2")]
    [InlineData("0041 q =", "unknown class 'q'")]
    [InlineData("110000 w =", "'110000' is not a code point")]
    public void Malformed_lines_are_reported_with_their_number(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => BertCharTable.Parse(new StringReader(text), "chars.txt"));

        Assert.Contains("chars.txt", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Embedded_table_covers_the_cases_dotnet_alone_gets_wrong()
    {
        var table = BertCharTable.Uncased;

        Assert.Equal(CharMappingKind.Removed, table.Get(0x200B).Kind); // zero-width space: format character
        Assert.Equal(CharMappingKind.Removed, table.Get(0x000B).Kind); // vertical tab: control before whitespace
        Assert.Equal(CharClass.Punctuation, table.ClassOf('$'));
        Assert.Equal(CharClass.Word, table.ClassOf(0x20AC)); // € is a currency symbol, not punctuation
        Assert.Equal(CharMappingKind.Identity, table.Get(0x1F970).Kind); // 🥰 stays (and becomes [UNK])
    }
}
