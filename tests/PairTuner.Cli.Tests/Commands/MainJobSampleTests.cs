using System.Text.Json;
using System.Text.RegularExpressions;
using PairTuner.Cli.Commands;
using PairTuner.Tests;

namespace PairTuner.Cli.Tests.Commands;

/// <summary>
/// The README's main job is the first thing a newcomer runs: its sample must exist, be what the
/// docs say (3,000 usable pairs, no scores) and every command in the docs must name a bundled file.
/// Whether the run on it improves the model is measured, not tested: it takes minutes on the real model.
/// </summary>
public partial class MainJobSampleTests
{
    [Fact]
    public async Task The_readme_main_job_runs_a_bundled_sample_of_3000_usable_pairs_without_scores()
    {
        var readme = await File.ReadAllTextAsync(RepositoryLayout.File("README.md"));
        var command = MainJobCommand().Match(readme);
        Assert.True(command.Success, "README.md has no main job line `... -- run samples/<file>` under '# 1. The main job'");
        var sample = RepositoryLayout.File("samples", command.Groups[1].Value);
        Assert.True(File.Exists(sample), $"the README's main job names {sample}, which is not in samples/");

        var (exit, output, _) = await CliRunner.RunAsync(ValidateCommand.Create(), "validate", sample, "--json");

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(output);
        Assert.Equal(3000, report.RootElement.GetProperty("rows").GetInt64());
        Assert.Equal(0, report.RootElement.GetProperty("rejected").GetInt64());
        Assert.True(report.RootElement.GetProperty("usable").GetBoolean());
        Assert.All(File.ReadLines(sample), line => Assert.DoesNotContain("\"score\"", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_run_of_a_sample_in_the_docs_names_a_bundled_file()
    {
        var documents = Directory.EnumerateFiles(RepositoryLayout.File("docs"), "*.md").Append(RepositoryLayout.File("README.md"));
        var named = 0;
        foreach (var document in documents)
        {
            foreach (Match match in SampleRun().Matches(await File.ReadAllTextAsync(document)))
            {
                named++;
                Assert.True(File.Exists(RepositoryLayout.File("samples", match.Groups[1].Value)), $"{document} runs samples/{match.Groups[1].Value}, which is not in samples/");
            }
        }

        Assert.True(named >= 2, "the README and docs/workflow-and-api.md should both show a run of a bundled sample");
    }

    [Fact]
    public async Task Samples_readme_gives_each_bundled_file_its_section()
    {
        var readme = await File.ReadAllTextAsync(RepositoryLayout.File("samples", "README.md"));
        foreach (var file in Directory.EnumerateFiles(RepositoryLayout.File("samples"), "*.jsonl"))
        {
            Assert.Contains($"## `{Path.GetFileName(file)}`", readme, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"# 1\. The main job[^\n]*\n[^\n]*-- run samples/(\S+)")]
    private static partial Regex MainJobCommand();

    [GeneratedRegex(@"-- run samples/(\S+)")]
    private static partial Regex SampleRun();
}
