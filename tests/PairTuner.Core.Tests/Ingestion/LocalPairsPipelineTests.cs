using System.Text;
using PairTuner.Contracts.Scoring;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Formats;
using PairTuner.Core.Ingestion;
using PairTuner.Core.Scoring;
using PairTuner.Core.Sharding;
using PairTuner.Core.Splitting;
using PairTuner.Core.Tests.TestSupport;

namespace PairTuner.Core.Tests.Ingestion;

public class LocalPairsPipelineTests
{
    /// <summary>
    /// Real STS-B rows, a thousand (about 200 KB, more than one read block), with bad rows, a
    /// duplicate far from its original, escapes and Unicode padding mixed in.
    /// </summary>
    private static (string Content, int[] BadLines) MixedFile()
    {
        var lines = TestData.Lines("stsb/train.jsonl", 1000).ToList();
        lines[299] = "{\"text1\": \"broken\" \"text2\": \"json\"}";
        lines[419] = "{\"text1\": \"\", \"text2\": \"empty first text\"}";
        lines[839] = "[\"a\", 12]";
        lines[499] = lines[2];
        lines[600] = "{\"text1\": \"\\u00A0Caf\\u00e9 \\\"quoted\\\" \\\\ text\\u3000\", \"text2\": \"  caf\u00e9 with an \\ttab  \", \"score\": 4.5}";
        lines[601] = "{\"text1\": \"Caf\u00e9 \\\"quoted\\\" \\\\ text\", \"text2\": \"another text2\"}";
        lines.Insert(700, "   ");
        return (string.Join('\n', lines) + "\n", [300, 420, 841]);
    }

    [Fact]
    public async Task Splitting_shards_from_memory_gives_the_same_files_as_the_workflows_two_steps()
    {
        using var folder = new TempFolder();
        var (content, _) = MixedFile();
        var input = folder.Write("mixed.jsonl", content);
        var ingest = new IngestOptions { ShardSize = 150, Scoring = new() { Rescale = ScoreRange.ZeroToFive } };

        var fused = await LocalPairsPipeline.RunToFolderAsync(input, folder.File("fused"), ingest, new SplitOptions(), "runs/r/");

        var store = new LocalArtifactStore(folder.File("steps"));
        var ingested = await PairsIngestor.IngestFileAsync(input, ingest, store, "runs/r/");
        var splits = new List<SplitResult>();
        for (var shard = 0; shard < ingested.ShardPaths.Count; shard++)
        {
            splits.Add(await ShardSplitter.ScoreAndSplitAsync(store, "runs/r/", shard, ingest.Scoring, new SplitOptions()));
        }

        Assert.True(fused.Splits.Count > 5);
        Assert.Equal(splits, fused.Splits);
        Assert.True(fused.Splits.Sum(s => s.EvalTextsInTrain) > 0, "STS-B repeats sentences across pairs");
        var fusedFiles = Directory.GetFiles(folder.File("fused"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder.File("fused"), f)).Order().ToArray();
        var stepFiles = Directory.GetFiles(folder.File("steps"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder.File("steps"), f)).Order().ToArray();
        Assert.Equal(stepFiles, fusedFiles);
        foreach (var file in fusedFiles)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(folder.File("fused"), file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(folder.File("steps"), file))),
                file);
        }
    }

    [Fact]
    public async Task Records_checked_in_parallel_are_counted_and_sharded_in_file_order()
    {
        using var folder = new TempFolder();
        var (content, badLines) = MixedFile();
        var input = folder.Write("mixed.jsonl", content);
        var store = new LocalArtifactStore(folder.Path);

        var result = await PairsIngestor.IngestFileAsync(input, new IngestOptions { ShardSize = 200, Scoring = new() { Rescale = ScoreRange.ZeroToFive } }, store, "runs/o/");

        Assert.Equal(badLines.Select(l => (long)l), result.Report.Errors.Select(e => e.Line));

        // The rules applied one record at a time, in order, through the string-based reader.
        var expected = new List<(string, string)>();
        var seen = new HashSet<(string, string)>();
        await foreach (var row in JsonLinesPairsReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), "mixed.jsonl", new()))
        {
            if (row.Error is null && !string.IsNullOrWhiteSpace(row.Text1) && !string.IsNullOrWhiteSpace(row.Text2)
                && row.Text1.Trim() != row.Text2.Trim() && seen.Add((row.Text1.Trim(), row.Text2.Trim())))
            {
                expected.Add((row.Text1.Trim(), row.Text2.Trim()));
            }
        }

        var sharded = new List<(string, string)>();
        foreach (var path in result.ShardPaths)
        {
            sharded.AddRange((await PairJsonLines.ReadAllAsync(store, path)).Select(p => (p.Text1, p.Text2)));
        }

        Assert.Equal(expected, sharded);
        Assert.Equal(expected.Count, result.Report.Accepted);
        Assert.Contains(("Café \"quoted\" \\ text", "café with an \ttab"), sharded);
        Assert.True(result.Report.Duplicates >= 1);
    }
}
