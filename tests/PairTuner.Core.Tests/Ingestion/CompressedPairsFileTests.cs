using System.IO.Compression;
using System.Text;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Formats;
using PairTuner.Core.Ingestion;
using PairTuner.Core.Tests.Golden;
using PairTuner.Core.Tests.TestSupport;
using PairTuner.Core.Validation;
using PairTuner.Tests;

namespace PairTuner.Core.Tests.Ingestion;

public class CompressedPairsFileTests
{
    private static readonly string Inputs = RepositoryLayout.File("tests", "PairTuner.Core.Tests", "Golden", "inputs");

    [Theory]
    [InlineData("mixed.jsonl")]
    [InlineData("mixed_crlf_bom.jsonl")]
    [InlineData("header.csv")]
    [InlineData("noheader_negative.tsv")]
    [InlineData("array.json")]
    public async Task A_gz_file_is_read_exactly_as_the_plain_file_its_inner_name_names(string name)
    {
        using var folder = new TempFolder();
        var plain = Path.Combine(Inputs, name);
        var gz = folder.Write(name + ".gz", Gzip(await File.ReadAllBytesAsync(plain)));
        var (ingest, split) = GoldenCases.Options("shards");

        var expected = await GoldenRun.RenderAsync(plain, ingest, split, folder.File("plain"));
        var actual = await GoldenRun.RenderAsync(gz, ingest, split, folder.File("gz"));

        // Everything but the file name the report quotes (and so validation.json's size): format,
        // bytes (uncompressed), rows, errors, shards, splits.
        Assert.Equal(WithoutReportSize(expected.Replace($"\"{name}\"", $"\"{name}.gz\"", StringComparison.Ordinal)), WithoutReportSize(actual));
        Assert.Contains($"\"{name}.gz\"", actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CLI_path_reads_a_gz_file_by_its_inner_name()
    {
        using var folder = new TempFolder();
        var plain = Encoding.UTF8.GetBytes("text1,text2\nreset my password,how do I change my password\nprinter jams,paper stuck in printer\n");
        var gz = folder.Write("tickets.csv.gz", Gzip(plain));

        var report = await PairsIngestor.ValidateFileAsync(gz, new IngestOptions());

        Assert.Equal(PairsFormat.Csv, report.Format);
        Assert.Equal((2L, 0L), (report.Accepted, report.Rejected));
        Assert.Equal(plain.Length, report.Bytes);
    }

    [Fact]
    public async Task A_small_gz_that_expands_past_the_limit_stops_at_the_limit_and_names_the_file()
    {
        // 64 MiB of valid JSON Lines squeezed into well under a MiB, against a 1 MiB limit.
        var line = Encoding.UTF8.GetBytes("{\"text1\": \"a question\", \"text2\": \"an answer\"}\n");
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (long written = 0; written < 64L << 20; written += line.Length)
            {
                gzip.Write(line);
            }
        }

        Assert.True(compressed.Length < 1 << 20, $"the bomb is {compressed.Length} bytes compressed");
        compressed.Position = 0;
        using var folder = new TempFolder();
        var options = new IngestOptions { Limits = new ValidationLimits { MaxFileBytes = 1 << 20 } };

        var result = await PairsIngestor.IngestAsync(compressed, "pairs/bomb.jsonl.gz", options, new LocalArtifactStore(folder.Path), "runs/bomb/");

        Assert.True(result.Fatal);
        Assert.Empty(result.ShardPaths);
        Assert.Contains("'pairs/bomb.jsonl.gz'", result.Report.FatalReason, StringComparison.Ordinal);
        Assert.Contains("limits.maxFileBytes", result.Report.FatalReason, StringComparison.Ordinal);
        Assert.Contains("after decompression", result.Report.FatalReason, StringComparison.Ordinal);

        // Reading stopped at the limit rather than after expanding the whole file.
        Assert.InRange(result.Report.Bytes, (1 << 20) + 1, 2 << 20);
    }

    [Fact]
    public async Task A_gz_name_on_plain_content_is_a_clear_error()
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes("{\"text1\": \"a\", \"text2\": \"b\"}\n"));

        var report = await PairsIngestor.ValidateAsync(input, "tickets.jsonl.gz", new IngestOptions());

        Assert.NotNull(report.FatalReason);
        Assert.Contains("'tickets.jsonl.gz' is not a valid gzip file", report.FatalReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pairs/tickets.jsonl.gz", "pairs/tickets.jsonl", true)]
    [InlineData("PAIRS.CSV.GZ", "PAIRS.CSV", true)]
    [InlineData("tickets.jsonl", "tickets.jsonl", false)]
    [InlineData("tickets.gzip", "tickets.gzip", false)]
    public void The_inner_name_drops_only_a_trailing_gz(string name, string inner, bool compressed)
    {
        Assert.Equal(compressed, CompressedPairsFile.IsCompressed(name));
        Assert.Equal(inner, CompressedPairsFile.InnerName(name));
    }

    private static string WithoutReportSize(string rendered)
        => System.Text.RegularExpressions.Regex.Replace(rendered, @"validation\.json \(\d+ bytes\)", "validation.json");

    private static byte[] Gzip(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        return output.ToArray();
    }
}
