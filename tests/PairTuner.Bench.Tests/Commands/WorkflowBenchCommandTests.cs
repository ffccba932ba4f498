using PairTuner.Bench.Commands;
using PairTuner.Cli.Tests.Commands;

namespace PairTuner.Bench.Tests.Commands;

public class WorkflowBenchCommandTests
{
    [Theory]
    [InlineData("--pairs", "39")]
    [InlineData("--shard-size", "0")]
    [InlineData("--watch-seconds", "0")]
    public async Task Bad_sizes_are_refused_before_any_storage_is_touched(string option, string value)
    {
        var (exit, output, error) = await CliRunner.RunAsync(WorkflowBenchCommand.Create(), "workflow", option, value);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("--pairs must be at least 40", error, StringComparison.Ordinal);
    }
}
