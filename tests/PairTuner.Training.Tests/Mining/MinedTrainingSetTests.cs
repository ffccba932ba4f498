using PairTuner.Contracts.Storage;
using PairTuner.Core.Pairs;
using PairTuner.Core.Sharding;
using PairTuner.Training.Evaluation;
using PairTuner.Training.Mining;

namespace PairTuner.Training.Tests.Mining;

public sealed class MinedTrainingSetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pairtuner-mined-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_fresh_run_mines_and_stores_the_rows_a_resumed_run_reads_back()
    {
        var set = new MinedTrainingSet(new LocalArtifactStore(_root), "runs/r1/checkpoints/");

        var mined = await set.LoadOrMineAsync(AngleEmbeddings.Pairs, AngleEmbeddings.Embedder(), new HardNegativeMinerOptions(), resume: false);

        Assert.Equal(mined.Pairs, await PairJsonLines.ReadAllAsync(new LocalArtifactStore(_root), "runs/r1/checkpoints/mined-negatives.jsonl"));
        Assert.True(File.Exists(Path.Combine(_root, "runs/r1/checkpoints/mined-negatives.json")));

        // A resumed run must train on the rows its checkpoints were trained on, not mine again with
        // weights that have moved on: an embedder that fails if asked proves nothing is re-mined.
        var resumed = await set.LoadOrMineAsync(AngleEmbeddings.Pairs, new RefusingEmbedder(), new HardNegativeMinerOptions { NegativesPerPair = 3 }, resume: true);
        Assert.Equal(mined.Pairs, resumed.Pairs);
        Assert.Equal(mined.Summary, resumed.Summary);
    }

    [Fact]
    public async Task Without_resume_stored_rows_are_mined_again()
    {
        var set = new MinedTrainingSet(new LocalArtifactStore(_root), "c/");
        await set.LoadOrMineAsync(AngleEmbeddings.Pairs, AngleEmbeddings.Embedder(), new HardNegativeMinerOptions(), resume: false);

        var again = await set.LoadOrMineAsync(AngleEmbeddings.Pairs, AngleEmbeddings.Embedder(), new HardNegativeMinerOptions { NegativesPerPair = 2 }, resume: false);

        Assert.Equal(2, again.Pairs.Count(p => p.Text1 == "anchor"));
        Assert.Equal(again.Pairs, await PairJsonLines.ReadAllAsync(new LocalArtifactStore(_root), "c/mined-negatives.jsonl"));
    }

    [Fact]
    public void The_description_says_how_many_pairs_got_negatives_and_how_many_did_not()
    {
        var text = MinedTrainingSet.Describe(new MiningSummary { Pairs = 10, PairsMined = 7, PairsWithoutCandidates = 2, PairsWithOwnNegative = 1, NegativesMined = 7, CorpusTexts = 10 });

        Assert.Contains("7 of 10", text, StringComparison.Ordinal);
        Assert.Contains("2 found no candidate", text, StringComparison.Ordinal);
        Assert.Contains("1 kept the negative from the file", text, StringComparison.Ordinal);
    }

    private sealed class RefusingEmbedder : ITextEmbedder
    {
        public EmbeddingMatrix Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
            => throw new InvalidOperationException("asked to embed on resume");
    }
}
