using System.Text;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Storage;
using PairTuner.Training.Tests.TestModels;
using PairTuner.Training.Trainer;

namespace PairTuner.Training.Tests.Trainer;

[Collection(TorchRandomCollection.Name)]
public sealed class StoredModelTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pairtuner-stored-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("models/run-1/", true)]
    [InlineData("models/", false)]
    [InlineData("models/run-1", false)]
    [InlineData("builtin", false)]
    [InlineData("/home/me/models/run-1/", false)]
    [InlineData(null, false)]
    public void Only_a_models_prefix_names_a_stored_model(string? model, bool stored)
        => Assert.Equal(stored, StoredModel.IsStored(model));

    [Fact]
    public async Task A_job_on_a_previous_runs_model_loads_it_from_a_local_copy_without_its_onnx()
    {
        var pairs = Path.Combine(_root, "pairs.jsonl");
        await File.WriteAllLinesAsync(pairs, SyntheticPairs.Create(20).Select(p => $"{{\"text1\":\"{p.Text1}\",\"text2\":\"{p.Text2}\"}}"));
        var outDir = Path.Combine(_root, "out");
        var job = await LocalTrainingJob.PrepareAsync(
            pairs, null, outDir, new TrainingOptions { Epochs = 1, BatchSize = 8, Model = "models/previous/", CheckpointEvery = 0 },
            new Core.Scoring.ScoringOptions(), resume: false);
        var store = new LocalArtifactStore(outDir);
        foreach (var file in new[] { "config.json", "vocab.txt", "1_Pooling/config.json", "onnx/model.onnx" })
        {
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(file));
            await store.WriteAsync("models/previous/" + file, content);
        }

        string? loadedFrom = null;
        string[] files = [];
        var runner = new TrainingJobRunner(store, options =>
        {
            loadedFrom = options.Model;
            files = [.. Directory.EnumerateFiles(options.Model, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(options.Model, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];
            return new TinySentenceModel(new TinyEncoder());
        });

        await runner.RunAsync(job);

        // A local copy of the stored folder, without onnx/ (the loader never reads it).
        Assert.NotNull(loadedFrom);
        Assert.True(Path.IsPathRooted(loadedFrom), loadedFrom);
        Assert.Equal(["1_Pooling/config.json", "config.json", "vocab.txt"], files);
        Assert.False(Directory.Exists(loadedFrom), "the copy is removed with the trainer's work folder");
    }

    [Fact]
    public async Task A_prefix_with_nothing_stored_is_named_in_the_error()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(
            () => StoredModel.DownloadAsync(new LocalArtifactStore(_root), "models/none/", Path.Combine(_root, "copy")));
        Assert.Contains("models/none/", error.Message, StringComparison.Ordinal);
    }
}
