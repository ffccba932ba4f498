using System.Text.Json;
using PairTuner.Bench.Commands;
using PairTuner.Cli.Tests.Commands;

namespace PairTuner.Bench.Tests.Commands;

public class IngestBenchCommandTests
{
    [Fact]
    public async Task Prints_one_JSON_line_with_throughput_ratio_and_memory()
    {
        var (exit, output, error) = await CliRunner.RunAsync(IngestBenchCommand.Create(), "ingest", "--pairs", "3000", "--shard-size", "1000");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        var root = JsonDocument.Parse(line).RootElement;
        Assert.Equal("ingest", root.GetProperty("bench").GetString());
        Assert.Equal(3000, root.GetProperty("pairs").GetInt64());
        Assert.Equal(3000, root.GetProperty("accepted").GetInt64());
        Assert.Equal(3, root.GetProperty("shards").GetInt32());
        Assert.Equal((2400, 600), (root.GetProperty("train").GetInt64(), root.GetProperty("eval").GetInt64()));
        foreach (var key in new[] { "pairs_per_s", "mb_per_s", "ratio_to_read", "cpu_ratio_to_read", "peak_working_set_mb", "peak_managed_mb", "cold_ingest_seconds", "cold_ratio_to_read" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }
    }

    [Fact]
    public async Task Too_few_pairs_is_an_error()
    {
        var (exit, _, error) = await CliRunner.RunAsync(IngestBenchCommand.Create(), "ingest", "--pairs", "5");
        Assert.Equal(1, exit);
        Assert.Contains("--pairs", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_files_are_the_same_bytes_every_time()
    {
        var a = Path.GetTempFileName();
        var b = Path.GetTempFileName();
        try
        {
            PairsFileGenerator.Write(a, 500);
            PairsFileGenerator.Write(b, 500);
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
            Assert.Equal(500, File.ReadAllLines(a).Length);
        }
        finally
        {
            File.Delete(a);
            File.Delete(b);
        }
    }
}
