using PairTuner.Core.Formats;
using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Tests.Evaluation;

public sealed class EvalPairsFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pairtuner-evalpairs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Scores_are_kept_as_written_and_texts_trimmed()
    {
        var path = Path.Combine(_folder, "sts.jsonl");
        await File.WriteAllLinesAsync(path,
        [
            """{"text1": " A man is dancing. ", "text2": "A man dances.", "score": 4.75, "genre": "x"}""",
            """{"text1": "A cat.", "text2": "A dog.", "score": 0.5}""",
        ]);

        var pairs = await EvalPairsFile.ReadAsync(path);

        Assert.Equal(2, pairs.Count);
        Assert.Equal("A man is dancing.", pairs[0].Text1);
        Assert.Equal(4.75, pairs[0].Score);
        Assert.Equal(0.5, pairs[1].Score);
    }

    [Fact]
    public async Task Reads_tsv_with_a_header()
    {
        var path = Path.Combine(_folder, "pairs.tsv");
        await File.WriteAllTextAsync(path, "text1\ttext2\nhow do I reset my password\tpassword reset steps\n");

        var pairs = await EvalPairsFile.ReadAsync(path);

        Assert.Single(pairs);
        Assert.Null(pairs[0].Score);
    }

    [Fact]
    public async Task A_missing_text_names_file_line_and_field()
    {
        var path = Path.Combine(_folder, "bad.jsonl");
        await File.WriteAllLinesAsync(path, ["""{"text1": "a", "text2": "b"}""", """{"text1": "c", "text2": "  "}"""]);

        var error = await Assert.ThrowsAsync<PairsFileException>(() => EvalPairsFile.ReadAsync(path));

        Assert.Contains("bad.jsonl:2", error.Message);
        Assert.Contains("text2", error.Message);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => EvalPairsFile.ReadAsync(Path.Combine(_folder, "nope.jsonl")));

        Assert.Contains("nope.jsonl", error.Message);
    }
}
