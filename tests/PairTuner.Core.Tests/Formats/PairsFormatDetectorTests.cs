using System.Text;
using PairTuner.Core.Formats;

namespace PairTuner.Core.Tests.Formats;

public class PairsFormatDetectorTests
{
    [Theory]
    [InlineData("pairs.json", PairsFormat.JsonArray)]
    [InlineData("pairs.JSONL", PairsFormat.JsonLines)]
    [InlineData("pairs.ndjson", PairsFormat.JsonLines)]
    [InlineData("dir/pairs.csv", PairsFormat.Csv)]
    [InlineData("pairs.tsv", PairsFormat.Tsv)]
    [InlineData("pairs.tab", PairsFormat.Tsv)]
    public void Extension_names_the_format(string name, PairsFormat expected)
        => Assert.Equal(expected, PairsFormatDetector.FromExtension(name));

    [Theory]
    [InlineData("[[\"a\", \"b\"]]", PairsFormat.JsonArray)]
    [InlineData("  \n[ {\"text1\": \"a\"}]", PairsFormat.JsonArray)]
    [InlineData("[]", PairsFormat.JsonArray)]
    [InlineData("{\"text1\": \"a\", \"text2\": \"b\"}\n", PairsFormat.JsonLines)]
    [InlineData("[\"a\", \"b\"]\n[\"c\", \"d\"]\n", PairsFormat.JsonLines)]
    [InlineData("text1\ttext2\na\tb\n", PairsFormat.Tsv)]
    [InlineData("text1,text2\na,b\n", PairsFormat.Csv)]
    public void Content_names_the_format(string head, PairsFormat expected)
        => Assert.Equal(expected, PairsFormatDetector.Sniff(Encoding.UTF8.GetBytes(head)));

    [Fact]
    public void Content_that_says_nothing_gives_null()
    {
        Assert.Null(PairsFormatDetector.Sniff("just one text"u8));
        Assert.Null(PairsFormatDetector.Sniff("   "u8));
        Assert.Null(PairsFormatDetector.Detect("notes.txt", "just one text"u8));
    }

    [Fact]
    public void Extension_wins_when_content_agrees_or_is_silent()
    {
        var detection = PairsFormatDetector.Detect("pairs.csv", "a\tb,c\n"u8);
        Assert.Equal(new FormatDetection(PairsFormat.Csv, FormatSource.Extension), detection);
    }

    [Fact]
    public void Content_wins_over_a_wrong_extension_with_a_warning()
    {
        // The common case: JSON Lines saved as .json.
        var detection = PairsFormatDetector.Detect("pairs.json", "{\"text1\": \"a\", \"text2\": \"b\"}\n"u8)!;
        Assert.Equal(PairsFormat.JsonLines, detection.Format);
        Assert.Equal(FormatSource.Content, detection.Source);
        Assert.Contains("pairs.json", detection.Warning);
    }

    [Fact]
    public void Missing_extension_is_sniffed_and_an_explicit_format_wins()
    {
        Assert.Equal(new FormatDetection(PairsFormat.Tsv, FormatSource.Content), PairsFormatDetector.Detect("upload", "a\tb\n"u8));
        Assert.Equal(new FormatDetection(PairsFormat.Csv, FormatSource.Option), PairsFormatDetector.Detect("pairs.json", "[[\"a\",\"b\"]]"u8, PairsFormat.Csv));
    }
}
