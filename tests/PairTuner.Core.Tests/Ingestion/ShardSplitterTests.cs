using System.Text;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Ingestion;
using PairTuner.Core.Pairs;
using PairTuner.Core.Scoring;
using PairTuner.Core.Sharding;
using PairTuner.Core.Splitting;
using PairTuner.Core.Tests.TestSupport;

namespace PairTuner.Core.Tests.Ingestion;

public class ShardSplitterTests
{
    [Fact]
    public async Task Splits_a_shard_80_20_with_nothing_dropped_and_synthetic_labels()
    {
        using var folder = new TempFolder();
        var store = new LocalArtifactStore(folder.Path);
        var pairs = Enumerable.Range(0, 103).Select(i => new Pair($"q{i}", $"a{i}")).ToList();
        await PairJsonLines.WriteAsync(store, "runs/x/shards/0.jsonl", pairs);

        var result = await ShardSplitter.ScoreAndSplitAsync(store, "runs/x/", 0, new ScoringOptions(), new SplitOptions());

        Assert.Equal((103, 82, 21), (result.Pairs, result.Train, result.Eval));
        Assert.Equal(("runs/x/train/0.jsonl", "runs/x/eval/0.jsonl"), (result.TrainPath, result.EvalPath));
        var train = await PairJsonLines.ReadAllAsync(store, result.TrainPath);
        var eval = await PairJsonLines.ReadAllAsync(store, result.EvalPath);
        Assert.Equal(pairs.Select(p => p.Text1).Order(), train.Concat(eval).Select(p => p.Text1).Order());
        Assert.True(result.LabelsSynthetic);
        Assert.Equal(103, result.SyntheticLabels);
        Assert.All(train.Concat(eval), p => Assert.InRange(p.Score!.Value, 0.875, 0.925));
        Assert.Equal(0, result.EvalTextsInTrain);
        Assert.Equal(42, result.EvalTexts);
    }

    [Fact]
    public async Task Follows_the_permutation_and_labels_computed_by_hand()
    {
        using var folder = new TempFolder();
        var store = new LocalArtifactStore(folder.Path);
        var pairs = Enumerable.Range(0, 10).Select(i => new Pair($"q{i}", $"a{i}", i == 1 ? 0.3 : null)).ToList();
        await PairJsonLines.WriteAsync(store, "runs/x/shards/0.jsonl", pairs);

        var result = await ShardSplitter.ScoreAndSplitAsync(store, "runs/x/", 0, new ScoringOptions(), new SplitOptions());

        // Permutation of 10 for (42, shard 0) is [6, 8, 7, 4, 9, 1, 5, 0, 2, 3]: train the first 8.
        var train = await PairJsonLines.ReadAllAsync(store, result.TrainPath);
        var eval = await PairJsonLines.ReadAllAsync(store, result.EvalPath);
        Assert.Equal(["q6", "q8", "q7", "q4", "q9", "q1", "q5", "q0"], train.Select(p => p.Text1));
        Assert.Equal(["q2", "q3"], eval.Select(p => p.Text1));

        // q0 takes the first label (0.88464...); q1 keeps its own score; q2 gets the third label.
        Assert.Equal(0.8846477555404759, train.Single(p => p.Text1 == "q0").Score!.Value, 15);
        Assert.Equal(0.3, train.Single(p => p.Text1 == "q1").Score);
        Assert.Equal(0.8814578557662558, eval.Single(p => p.Text1 == "q2").Score!.Value, 15);
        Assert.Equal(9, result.SyntheticLabels);
    }

    [Fact]
    public async Task Same_seed_gives_byte_identical_files_and_shards_split_independently()
    {
        using var folder = new TempFolder();
        var store = new LocalArtifactStore(folder.Path);
        var pairs = Enumerable.Range(0, 500).Select(i => new Pair($"q{i}", $"a{i}")).ToList();
        await PairJsonLines.WriteAsync(store, "runs/a/shards/0.jsonl", pairs);
        await PairJsonLines.WriteAsync(store, "runs/a/shards/1.jsonl", pairs);
        await PairJsonLines.WriteAsync(store, "runs/b/shards/0.jsonl", pairs);

        // Shard 1 first: order of the fan-out must not matter.
        await ShardSplitter.ScoreAndSplitAsync(store, "runs/a/", 1, new ScoringOptions(), new SplitOptions());
        await ShardSplitter.ScoreAndSplitAsync(store, "runs/a/", 0, new ScoringOptions(), new SplitOptions());
        await ShardSplitter.ScoreAndSplitAsync(store, "runs/b/", 0, new ScoringOptions(), new SplitOptions());

        string Read(string path) => File.ReadAllText(Path.Combine(folder.Path, path));
        Assert.Equal(Read("runs/a/train/0.jsonl"), Read("runs/b/train/0.jsonl"));
        Assert.Equal(Read("runs/a/eval/0.jsonl"), Read("runs/b/eval/0.jsonl"));
        Assert.NotEqual(Read("runs/a/train/0.jsonl"), Read("runs/a/train/1.jsonl"));

        await ShardSplitter.ScoreAndSplitAsync(store, "runs/b/", 0, new ScoringOptions { Seed = 7 }, new SplitOptions { Seed = 7 });
        Assert.NotEqual(Read("runs/a/train/0.jsonl"), Read("runs/b/train/0.jsonl"));
    }

    [Fact]
    public async Task Counts_eval_texts_that_also_occur_in_train()
    {
        using var folder = new TempFolder();
        var store = new LocalArtifactStore(folder.Path);

        // Every pair shares text2 "common": each eval pair's text2 is in train, its text1 is not.
        var pairs = Enumerable.Range(0, 50).Select(i => new Pair($"q{i}", "common")).ToList();
        await PairJsonLines.WriteAsync(store, "runs/x/shards/3.jsonl", pairs);

        var result = await ShardSplitter.ScoreAndSplitAsync(store, "runs/x/", 3, new ScoringOptions(), new SplitOptions());
        Assert.Equal((10, 20, 10), (result.Eval, result.EvalTexts, result.EvalTextsInTrain));
    }

    [Fact]
    public async Task Negatives_groups_unicode_and_own_scores_survive_the_split()
    {
        using var folder = new TempFolder();
        var store = new LocalArtifactStore(folder.Path);
        var pairs = Enumerable.Range(0, 20)
            .Select(i => new Pair($"Café \"{i}\"\nzwei", $"コーヒー {i}", i % 2 == 0 ? 0.25 : null, $"neg {i}", $"g{i % 3}"))
            .ToList();
        await PairJsonLines.WriteAsync(store, "runs/x/shards/0.jsonl", pairs);

        var result = await ShardSplitter.ScoreAndSplitAsync(store, "runs/x/", 0, new ScoringOptions(), new SplitOptions());

        var back = (await PairJsonLines.ReadAllAsync(store, result.TrainPath)).Concat(await PairJsonLines.ReadAllAsync(store, result.EvalPath)).ToList();
        Assert.Equal(20, back.Count);
        foreach (var original in pairs)
        {
            var copy = back.Single(p => p.Text1 == original.Text1);
            Assert.Equal((original.Text2, original.Negative, original.Group), (copy.Text2, copy.Negative, copy.Group));
            if (original.Score is { } own)
            {
                Assert.Equal(own, copy.Score);
            }
            else
            {
                Assert.InRange(copy.Score!.Value, 0.875, 0.925);
            }
        }

        Assert.Equal(10, result.SyntheticLabels);
    }

    [Fact]
    public async Task A_damaged_shard_fails_with_its_name_and_line()
    {
        using var folder = new TempFolder();
        var store = new LocalArtifactStore(folder.Path);
        using (var content = new MemoryStream(Encoding.UTF8.GetBytes("{\"text1\":\"a\",\"text2\":\"b\"}\n{\"text1\":\"c\"}\n")))
        {
            await store.WriteAsync("runs/x/shards/0.jsonl", content);
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ShardSplitter.ScoreAndSplitAsync(store, "runs/x/", 0, new ScoringOptions(), new SplitOptions()));
        Assert.Contains("runs/x/shards/0.jsonl:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whole_local_pipeline_on_real_MRPC_positives()
    {
        using var folder = new TempFolder();
        var result = await LocalPairsPipeline.RunToFolderAsync(
            TestData.Dataset("mrpc/train_positive.jsonl"),
            folder.Path,
            new IngestOptions { ShardSize = 100 },
            new SplitOptions());

        var accepted = result.Ingest.Report.Accepted;
        Assert.Equal(250, result.Ingest.Report.Rows);
        Assert.Equal(3, result.Splits.Count);
        Assert.Equal(accepted, result.Train + result.Eval);
        Assert.Equal([80, 80, (int)(accepted - 200) * 4 / 5], result.Splits.Select(s => s.Train));
        Assert.False(result.LabelsSynthetic);
        Assert.True(File.Exists(Path.Combine(folder.Path, "runs", "local", "eval", "2.jsonl")));
    }
}
