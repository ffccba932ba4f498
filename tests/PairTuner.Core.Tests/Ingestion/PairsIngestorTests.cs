using System.Globalization;
using System.Text;
using System.Text.Json;
using PairTuner.Contracts.Scoring;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Formats;
using PairTuner.Core.Ingestion;
using PairTuner.Core.Pairs;
using PairTuner.Core.Scoring;
using PairTuner.Core.Serialization;
using PairTuner.Core.Sharding;
using PairTuner.Core.Tests.TestSupport;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Tests.Ingestion;

public class PairsIngestorTests
{
    private static readonly IngestOptions StsOptions = new()
    {
        ShardSize = 100,
        Scoring = new ScoringOptions { Rescale = ScoreRange.ZeroToFive },
    };

    [Theory]
    [InlineData("stsb.jsonl", PairsFormat.JsonLines)]
    [InlineData("stsb.json", PairsFormat.JsonArray)]
    [InlineData("stsb.csv", PairsFormat.Csv)]
    [InlineData("stsb.tsv", PairsFormat.Tsv)]
    [InlineData("stsb-crlf.csv", PairsFormat.Csv)]
    [InlineData("stsb-bom.jsonl", PairsFormat.JsonLines)]
    public async Task Every_format_of_the_same_real_rows_gives_the_same_shards(string name, PairsFormat format)
    {
        var real = RealStsRows(250);
        using var folder = new TempFolder();
        var path = folder.Write(name, Render(real, name));
        var store = new LocalArtifactStore(folder.File("store"));

        var result = await PairsIngestor.IngestFileAsync(path, StsOptions, store, "runs/r1/");

        Assert.False(result.Fatal, result.Report.FatalReason + " " + string.Join("; ", result.Report.Errors.Take(3)));
        Assert.Equal(format, result.Report.Format);
        Assert.Equal((250L, 0L), (result.Report.Rows, result.Report.Rejected));
        Assert.Equal(["runs/r1/shards/0.jsonl", "runs/r1/shards/1.jsonl", "runs/r1/shards/2.jsonl"], result.ShardPaths);
        var written = new List<Pair>();
        foreach (var shard in result.ShardPaths)
        {
            written.AddRange(await PairJsonLines.ReadAllAsync(store, shard));
        }

        var expected = Distinct(real.Select(r => new Pair(r.Text1.Trim(), r.Text2.Trim(), r.Score / 5)));
        Assert.Equal(expected, written);
        Assert.Equal(expected.Count, result.Report.Accepted);
    }

    [Fact]
    public async Task Writes_validation_json_in_the_one_JSON_shape()
    {
        using var folder = new TempFolder();
        var store = new LocalArtifactStore(folder.Path);
        var content = Rows.DistinctPairs(40) + "[\"\", \"x\"]\n";
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(content));

        var result = await PairsIngestor.IngestAsync(input, "upload.jsonl", new IngestOptions(), store, "runs/abc/");

        Assert.Equal("runs/abc/validation.json", result.ValidationPath);
        var json = await File.ReadAllTextAsync(Path.Combine(folder.Path, "runs", "abc", "validation.json"));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("jsonLines", root.GetProperty("format").GetString());
        Assert.Equal(40, root.GetProperty("accepted").GetInt64());
        Assert.Equal(1, root.GetProperty("rejected").GetInt64());
        Assert.True(root.GetProperty("usable").GetBoolean());
        Assert.Equal(41, root.GetProperty("errors")[0].GetProperty("line").GetInt64());
        Assert.Equal("text1", root.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(result.Report with { Errors = [], Warnings = [] }, JsonSerializer.Deserialize<ValidationReport>(json, PairTunerJson.Options)! with { Errors = [], Warnings = [] });
    }

    [Fact]
    public async Task A_fatal_file_leaves_its_report_and_no_shards()
    {
        using var folder = new TempFolder();
        var store = new LocalArtifactStore(folder.Path);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Rows.DistinctPairs(20)));

        var result = await PairsIngestor.IngestAsync(input, "small.jsonl", new IngestOptions { ShardSize = 5 }, store, "runs/small/");

        Assert.True(result.Fatal);
        Assert.Empty(result.ShardPaths);
        Assert.Empty(await store.ListAsync("runs/small/shards/").ToListAsync());
        Assert.True(await store.ExistsAsync("runs/small/validation.json"));
    }

    [Fact]
    public async Task Shards_hold_at_most_shard_size_pairs_in_file_order()
    {
        using var folder = new TempFolder();
        var store = new LocalArtifactStore(folder.Path);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Rows.DistinctPairs(250)));

        var result = await PairsIngestor.IngestAsync(input, "p.jsonl", new IngestOptions { ShardSize = 100 }, store, "runs/s/");

        var sizes = new List<int>();
        var all = new List<Pair>();
        foreach (var shard in result.ShardPaths)
        {
            var pairs = await PairJsonLines.ReadAllAsync(store, shard);
            sizes.Add(pairs.Count);
            all.AddRange(pairs);
        }

        Assert.Equal([100, 100, 50], sizes);
        Assert.Equal(Enumerable.Range(0, 250).Select(i => "question " + i), all.Select(p => p.Text1));
        Assert.Equal(3, result.Report.Shards);
    }

    [Fact]
    public async Task COCO_groups_and_hard_negatives_reach_the_shards()
    {
        using var folder = new TempFolder();
        var store = new LocalArtifactStore(folder.Path);
        var result = await PairsIngestor.IngestFileAsync(TestData.Dataset("coco_captions/train.jsonl"), new IngestOptions(), store, "runs/coco/");

        Assert.Equal(1_000, result.Report.Rows);
        var pairs = await PairJsonLines.ReadAllAsync(store, result.ShardPaths[0]);
        Assert.Equal("285", pairs[0].Group);
        Assert.All(pairs, p => Assert.NotNull(p.Group));
        Assert.Equal(result.Report.Accepted, result.Report.WithGroup);
    }

    [Theory]
    [InlineData("repeats.jsonl")]
    [InlineData("repeats.json")]
    public async Task Repeats_anywhere_later_in_the_file_are_duplicates_and_leave_whole_shards_of_the_rest(string name)
    {
        // Real rows, each repeated at random later places, across shard boundaries.
        var real = RealStsRows(700);
        var random = new Random(5);
        var rows = new List<(string Text1, string Text2, double Score)>(real);
        for (var i = 0; i < 500; i++)
        {
            var from = random.Next(real.Count);
            rows.Insert(random.Next(from + 1, rows.Count + 1), real[from]);
        }

        using var folder = new TempFolder();
        var path = folder.Write(name, Render(rows, name));
        var options = StsOptions with { ShardSize = 64 };

        var actual = await PairsIngestor.IngestFileAsync(path, options, new LocalArtifactStore(folder.Path), "runs/m/");

        Assert.True(actual.Report.Duplicates >= 500, $"{actual.Report.Duplicates} duplicates");
        var shards = new List<Pair>();
        foreach (var shard in actual.ShardPaths)
        {
            shards.AddRange(await PairJsonLines.ReadAllAsync(new LocalArtifactStore(folder.Path), shard));
        }

        Assert.Equal(Distinct(rows.Select(r => new Pair(r.Text1.Trim(), r.Text2.Trim(), r.Score / 5))), shards);
        Assert.All(shards.Chunk(64).SkipLast(1), chunk => Assert.Equal(64, chunk.Length));

        // Validation alone (no shards) counts the same.
        var validated = await PairsIngestor.ValidateFileAsync(path, options);
        Assert.Equal(actual.Report with { Shards = 0 }, validated with { Errors = actual.Report.Errors, Warnings = actual.Report.Warnings });
    }

    [Fact]
    public async Task Bad_options_throw_naming_the_option()
    {
        using var input = new MemoryStream();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => PairsIngestor.ValidateAsync(input, "x.jsonl", new IngestOptions { ShardSize = 0 }));
        Assert.Contains("shardSize", error.Message, StringComparison.Ordinal);
    }

    internal static List<(string Text1, string Text2, double Score)> RealStsRows(int count)
        => TestData.Lines("stsb/train.jsonl", count).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            return (r.GetProperty("text1").GetString()!, r.GetProperty("text2").GetString()!, r.GetProperty("score").GetDouble());
        }).ToList();

    private static List<Pair> Distinct(IEnumerable<Pair> pairs)
    {
        var seen = new HashSet<(string, string)>();
        return pairs.Where(p => p.Text1 != p.Text2 && seen.Add((p.Text1, p.Text2))).ToList();
    }

    private static byte[] Render(List<(string Text1, string Text2, double Score)> rows, string name)
    {
        string Num(double d) => d.ToString("R", CultureInfo.InvariantCulture);
        string Json(string s) => JsonSerializer.Serialize(s);
        string Quote(string s, char delimiter) => s.Contains(delimiter) || s.Contains('"') || s.Contains('\n')
            ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : s;

        var text = new StringBuilder();
        var newline = name.Contains("crlf", StringComparison.Ordinal) ? "\r\n" : "\n";
        switch (Path.GetExtension(name))
        {
            case ".jsonl":
                foreach (var (a, b, s) in rows)
                {
                    text.Append("{\"text1\": ").Append(Json(a)).Append(", \"text2\": ").Append(Json(b)).Append(", \"score\": ").Append(Num(s)).Append('}').Append(newline);
                }

                break;
            case ".json":
                text.Append('[').Append(string.Join(",\n ", rows.Select(r => $"[{Json(r.Text1)}, {Json(r.Text2)}, {Num(r.Score)}]"))).Append(']');
                break;
            default:
                var d = name.EndsWith(".tsv", StringComparison.Ordinal) ? '\t' : ',';
                text.Append("text1").Append(d).Append("text2").Append(d).Append("score").Append(newline);
                foreach (var (a, b, s) in rows)
                {
                    text.Append(Quote(a, d)).Append(d).Append(Quote(b, d)).Append(d).Append(Num(s)).Append(newline);
                }

                break;
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return name.Contains("bom", StringComparison.Ordinal) ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }
}
