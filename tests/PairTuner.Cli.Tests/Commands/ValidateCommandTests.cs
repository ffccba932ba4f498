using System.Text.Json;
using PairTuner.Cli.Commands;
using PairTuner.Tests;

namespace PairTuner.Cli.Tests.Commands;

public class ValidateCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pairtuner-cli-tests-" + Guid.NewGuid().ToString("N"));

    public ValidateCommandTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task A_usable_real_file_exits_0_with_a_human_report()
    {
        var (exit, output, error) = await CliRunner.RunAsync(ValidateCommand.Create(), "validate", RepositoryLayout.TestData("coco_captions", "dev.jsonl"));

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Contains("JsonLines (from the extension)", output, StringComparison.Ordinal);
        Assert.Matches(@"records read\s+500", output);
        Assert.Matches(@"with a group\s+\d{3}", output);
        Assert.Contains("Usable: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_flag_prints_validation_json()
    {
        var (exit, output, _) = await CliRunner.RunAsync(ValidateCommand.Create(), "validate", RepositoryLayout.TestData("sick", "trial.jsonl"), "--json", "--rescale", "1-5");

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(output);
        var root = report.RootElement;
        Assert.Equal(500, root.GetProperty("rows").GetInt64());
        Assert.Equal(0, root.GetProperty("rejected").GetInt64());
        Assert.Equal("oneToFive", root.GetProperty("rescale").GetString());
        Assert.True(root.GetProperty("usable").GetBoolean());
        Assert.False(root.GetProperty("fatal").GetBoolean());
    }

    [Fact]
    public async Task Min_score_filter_is_reported()
    {
        var (exit, output, _) = await CliRunner.RunAsync(ValidateCommand.Create(), "validate", RepositoryLayout.TestData("stsb", "dev.jsonl"), "--rescale", "0-5", "--min-score", "4");

        Assert.Equal(0, exit);
        Assert.Matches(@"below min score\s+[\d,]+\s+skipped \(< 4\)", output);
    }

    [Fact]
    public async Task A_fatal_file_exits_2_and_lists_errors_with_file_and_line()
    {
        var path = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(path, "text1,text2,score\n,empty first,1\nok,fine,high\n");

        var (exit, output, _) = await CliRunner.RunAsync(ValidateCommand.Create(), "validate", path);

        Assert.Equal(2, exit);
        Assert.Contains("FATAL: ", output, StringComparison.Ordinal);
        Assert.Contains($"{path}:2: text1: empty", output, StringComparison.Ordinal);
        Assert.Contains($"{path}:3: score: 'high' is not a number", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_exits_2()
    {
        var path = Path.Combine(_folder, "empty.jsonl");
        await File.WriteAllTextAsync(path, string.Empty);

        var (exit, output, _) = await CliRunner.RunAsync(ValidateCommand.Create(), "validate", path, "--json");

        Assert.Equal(2, exit);
        Assert.Contains("empty", JsonDocument.Parse(output).RootElement.GetProperty("fatalReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_exits_1()
    {
        var (exit, output, error) = await CliRunner.RunAsync(ValidateCommand.Create(), "validate", Path.Combine(_folder, "nope.jsonl"));

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("cannot read", error, StringComparison.Ordinal);
        Assert.Contains("nope.jsonl", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rescale", "0-10", "Unknown score range '0-10'")]
    [InlineData("--min-score", "7", "scoring.minScore")]
    [InlineData("--max-text-chars", "0", "limits.maxTextChars")]
    public async Task Bad_options_exit_1_with_a_clear_message(string option, string value, string message)
    {
        var path = Path.Combine(_folder, "ok.jsonl");
        await File.WriteAllTextAsync(path, "[\"a\", \"b\"]\n");

        var (exit, _, error) = await CliRunner.RunAsync(ValidateCommand.Create(), "validate", path, option, value);

        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
