using System.Text.Json;
using PairTuner.Bench.Commands;

namespace PairTuner.Bench.Tests.Commands;

public class TokenizeBenchCommandTests
{
    [Fact]
    public void Prints_one_json_line_per_case_with_a_ratio_to_the_reference()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = TokenizeBenchCommand.Run(300, new StringReader("\"A man is playing a guitar.\"\n\"Café au lait, s'il vous plaît!\"\n"), stdout, stderr);

        Assert.Equal(0, code);
        var lines = Lines(stdout.ToString()).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(5, lines.Length);
        Assert.Equal(1.0, lines[0].GetProperty("ratio_to_mlnet_berttokenizer").GetDouble());
        Assert.All(lines, l => Assert.Equal(300, l.GetProperty("sentences").GetInt32()));
        // Every PairTuner case tokenizes the same 300 sentences into the same number of tokens.
        Assert.Single(lines.Skip(1).Select(l => l.GetProperty("tokens").GetInt64()).Distinct());
        Assert.True(lines[1].GetProperty("tokens").GetInt64() >= 300 * 9);
    }

    [Fact]
    public void No_sentences_on_stdin_is_an_error_naming_the_bad_line()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = TokenizeBenchCommand.Run(10, new StringReader("not json\n"), stdout, stderr);

        Assert.Equal(2, code);
        Assert.Empty(stdout.ToString());
        Assert.Contains("stdin line 1", stderr.ToString(), StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
