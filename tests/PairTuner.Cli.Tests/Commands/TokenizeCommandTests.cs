using PairTuner.Cli.Commands;

namespace PairTuner.Cli.Tests.Commands;

public sealed class TokenizeCommandTests
{
    [Fact]
    public void Writes_one_id_array_per_line()
    {
        var (code, stdout, stderr) = Run("\"Hello, world!\"\n\"a[SEP]b\"\n");

        Assert.Equal(0, code);
        Assert.Equal(["[101,7592,1010,2088,999,102]", "[101,1037,102,1038,102]"], Lines(stdout));
        Assert.Empty(stderr);
    }

    [Fact]
    public void Bad_lines_are_reported_by_number_and_the_rest_still_tokenized()
    {
        var (code, stdout, stderr) = Run("\"first\"\nnot json\n\"third\"\n42\n\n\"sixth\"\n");

        Assert.Equal(1, code);
        Assert.Equal(3, Lines(stdout).Length);
        Assert.Contains("stdin line 2:", stderr);
        Assert.Contains("stdin line 4:", stderr);
        Assert.Contains("stdin line 5:", stderr);
        Assert.DoesNotContain("stdin line 1:", stderr);
        Assert.DoesNotContain("stdin line 3:", stderr);
        Assert.Contains("3 of 6 lines", stderr);
    }

    [Fact]
    public void Max_seq_length_truncates_keeping_sep()
    {
        var (code, stdout, _) = Run("\"one two three four five six\"\n", maxSeqLength: 4);

        Assert.Equal(0, code);
        Assert.Equal("[101,2028,2048,102]", Lines(stdout).Single());
    }

    [Fact]
    public void Tokens_option_writes_strings()
    {
        var (_, stdout, _) = Run("\"Café\"\n", tokens: true);

        Assert.Equal("[\"[CLS]\",\"cafe\",\"[SEP]\"]", Lines(stdout).Single());
    }

    [Fact]
    public void Unknown_model_is_a_clear_error()
    {
        var (code, _, stderr) = Run("\"x\"\n", model: "no/such-model");

        Assert.Equal(2, code);
        Assert.Contains("no/such-model", stderr);
    }

    [Fact]
    public void Export_vocab_writes_the_builtin_vocabulary_that_a_folder_model_then_reads()
    {
        var dir = Directory.CreateTempSubdirectory("pairtuner-tokenize-").FullName;
        try
        {
            var vocab = Path.Combine(dir, "vocab.txt");
            var (code, _, _) = Run("", exportVocab: vocab);
            Assert.Equal(0, code);
            Assert.Equal(30522, File.ReadAllLines(vocab).Length);

            var (again, stdout, _) = Run("\"Hello, world!\"\n", model: dir);
            Assert.Equal(0, again);
            Assert.Equal("[101,7592,1010,2088,999,102]", Lines(stdout).Single());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(string input, string model = "builtin", int maxSeqLength = 256, bool tokens = false, string? exportVocab = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = TokenizeCommand.Run(model, maxSeqLength, tokens, exportVocab, new StringReader(input), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
