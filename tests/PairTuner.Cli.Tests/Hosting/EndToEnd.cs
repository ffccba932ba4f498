using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs.Models;
using PairTuner.Cli.Commands;
using PairTuner.Cli.Hosting;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Options;
using PairTuner.Contracts.Runs;
using PairTuner.Contracts.Storage;
using PairTuner.Tests.Models;
using PairTuner.Tests;
using PairTuner.Trainer;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Reporting;
using PairTuner.Training.Trainer;
using PairTuner.Workflow.Launchers.Process;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;
using TorchSharp;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>
/// What the end-to-end tests share: a local host whose trainer is the real CLI, the run options
/// that make it train the tiny model, and the checks of what a run left in storage. Every wait
/// polls storage or the task hub with a generous deadline; nothing sleeps for a fixed time and
/// then asserts.
/// </summary>
internal static partial class EndToEnd
{
    /// <summary>The model folder's files docs/design.md's blob layout lists (onnx/model.onnx aside: see the layout test).</summary>
    public static readonly string[] ModelFiles =
    [
        "config.json", "model.safetensors", "vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
        "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling/config.json", "2_Normalize/config.json",
    ];

    /// <summary>200 STS-B pairs with scores, bundled in samples/ (licence in samples/README.md).</summary>
    public static string SamplePath => RepositoryLayout.File("samples", "stsb-positives.jsonl");

    /// <summary>
    /// A local host on PAIRTUNER_STORAGE with its own task hub, whose launcher starts this build's
    /// <c>pairtuner.dll train --job ... --attempt N</c> under <c>dotnet</c>: the real trainer.
    /// </summary>
    public static async Task<LocalSession> StartAsync(string taskHub)
    {
        var storage = await TestStorage.RequireAsync();
        return await LocalSession.StartAsync(new LocalSessionOptions
        {
            Storage = storage,
            TaskHubName = taskHub,
            Trainer = ProcessTrainerOptions.ForDll(typeof(TrainCommand).Assembly.Location) with
            {
                // libtorch's OpenMP pool spins for work; on two busy cores that made the tiny model's
                // steps ten times slower (32 vs 367 pairs/s measured). One thread suits its small tensors.
                Environment = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1" },
            },
            StateFolder = Path.Combine(Path.GetTempPath(), "pairtuner-tests", taskHub),
        });
    }

    /// <summary>Options that only make the monitor look often (the run never trains).</summary>
    public static Action<RunOptionsBuilder> Monitoring() => builder => builder.Add(OptionSource.CommandLine, "monitorInterval", "00:00:00.2");

    /// <summary>
    /// Command-line options that train the tiny model (uploaded to <c>models/tiny-{hub}/</c>) with a
    /// warm-up of one step and a learning rate that moves its weights, plus <paramref name="values"/>.
    /// </summary>
    public static async Task<Action<RunOptionsBuilder>> OptionsAsync(IArtifactStore store, string hub, params (string Key, string Value)[] values)
    {
        var model = await TinyModel.UploadAsync(store, $"tiny-{hub}");
        return builder =>
        {
            builder.Add(OptionSource.CommandLine, "monitorInterval", "00:00:00.2");
            builder.Add(OptionSource.CommandLine, "model", model);
            builder.Add(OptionSource.CommandLine, "warmupSteps", "1");
            builder.Add(OptionSource.CommandLine, "lr", "0.001");
            foreach (var (key, value) in values)
            {
                builder.Add(OptionSource.CommandLine, key, value);
            }
        };
    }

    /// <summary>
    /// Uploads the sample to <c>pairs/{name}</c> with the tiny model and a long training as blob
    /// metadata (the options an upload carries), so a run started from it never loads the 90 MB
    /// builtin model, and trains long enough to be cancelled mid-training.
    /// </summary>
    public static async Task UploadPairsAsync(BlobArtifactStore store, string hub, string name, int epochs = 1000)
    {
        var model = await TinyModel.UploadAsync(store, $"tiny-{hub}");
        // On fresh storage (CI's Azurite) pairs/ may not exist yet; the blob client does not create it.
        await store.EnsureContainerAsync(BlobNames.PairsContainer);
        await using var content = File.OpenRead(SamplePath);
        await store.Blob($"pairs/{name}").UploadAsync(content, new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string>
            {
                ["model"] = model,
                ["epochs"] = epochs.ToString(CultureInfo.InvariantCulture),
                ["monitorInterval"] = "00:00:00.2",
            },
        });
    }

    public static async Task<List<string>> ListAsync(IArtifactStore store, string prefix)
    {
        var names = new List<string>();
        await foreach (var name in store.ListAsync(prefix))
        {
            names.Add(name);
        }

        return names;
    }

    public static async Task<string> ReadTextAsync(IArtifactStore store, string path)
    {
        await using var stream = await store.OpenReadAsync(path);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    /// <summary>The steps of training_log.jsonl, in its order.</summary>
    public static async Task<IEnumerable<long>> LoggedStepsAsync(IArtifactStore store, RunPaths run)
    {
        using var reader = new StringReader(await ReadTextAsync(store, run.TrainingLog));
        // Evaluation lines (before training, after epochs) share the log; only step lines carry a loss.
        return TrainingLog.Read(reader, run.TrainingLog).Where(e => e.Evaluation is null).Select(e => e.Step).ToList();
    }

    /// <summary>Waits until the run has a complete checkpoint (its COMPLETE marker) and returns the newest one's step.</summary>
    public static async Task<int> WaitForCheckpointAsync(IArtifactStore store, RunPaths run, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var steps = (await ListAsync(store, run.Checkpoints))
                .Select(name => CheckpointMarker().Match(name))
                .Where(m => m.Success)
                .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
                .ToList();
            if (steps.Count > 0)
            {
                return steps.Max();
            }

            Assert.True(DateTime.UtcNow < deadline, $"no complete checkpoint under {run.Checkpoints} within {patience}");
            await Task.Delay(100);
        }
    }

    /// <summary>The step a resumed trainer started from, as its eval.json notes say.</summary>
    public static int ResumedFrom(EvalReport report)
    {
        var note = report.Notes.Select(n => ResumedNote().Match(n)).FirstOrDefault(m => m.Success);
        Assert.True(note is not null, $"eval.json says nothing of a resume: {string.Join(" | ", report.Notes)}");
        return int.Parse(note.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The first training step a trainer's console output shows (its first step line).</summary>
    public static int FirstPrintedStep(string log)
    {
        var match = StepLine().Match(log);
        Assert.True(match.Success, $"no step line in the trainer's output: {log}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Downloads <c>models/{id}/</c>, loads it as <c>--model</c> does, and checks it: the tiny shape,
    /// weights moved away from the base model's, and unit-length embeddings of its width.
    /// </summary>
    public static async Task AssertTunedModelLoadsAsync(IArtifactStore store, RunPaths run)
    {
        var folder = Directory.CreateTempSubdirectory("pairtuner-tuned-").FullName;
        try
        {
            foreach (var name in await ListAsync(store, run.Model))
            {
                var target = Path.Combine(folder, name[run.Model.Length..]);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var source = await store.OpenReadAsync(name);
                await using var file = File.Create(target);
                await source.CopyToAsync(file);
            }

            using (var tuned = ModelFolderReader.Load(folder))
            using (var baseline = ModelFolderReader.Load(TinyModel.Folder))
            {
                Assert.Equal(baseline.Config, tuned.Config);
                Assert.Equal(File.ReadAllLines(baseline.VocabPath), File.ReadAllLines(tuned.VocabPath));
                const string weight = "encoder.layer.0.attention.self.query.weight";
                using var same = tuned.StateDict[weight].eq(baseline.StateDict[weight]).all();
                Assert.False(same.item<bool>(), $"{weight} is the base model's: the tuned model did not train");
            }

            using var model = EncoderSentenceModel.Load(new TrainingOptions { Model = folder });
            var embeddings = model.Embed(["A passenger train waiting in a station.", "a bus driving in a street."], CancellationToken.None);
            Assert.Equal(2, embeddings.Count);
            Assert.Equal(TinyModelFolder.HiddenSize, embeddings.Dimension);
            for (var i = 0; i < embeddings.Count; i++)
            {
                var norm = Math.Sqrt(embeddings.Row(i).ToArray().Sum(v => (double)v * v));
                Assert.Equal(1.0, norm, 4);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The run's outcome within a hard deadline. Following a run waits for its end even after its
    /// token asks it to cancel, so a stuck run would hang the test run; this fails it instead, with
    /// the trainers' logs.
    /// </summary>
    public static async Task<LocalRunResult> WithinAsync(Task<LocalRunResult> following, LocalSession session, Func<string> runId)
    {
        try
        {
            return await following.WaitAsync(HardDeadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail(await DescribeAsync(session, runId(), $"run {runId()} did not end within {HardDeadline}"));
            throw;
        }
    }

    /// <summary>Longer than the tests' 3-minute patience, after which a run is asked to cancel.</summary>
    public static TimeSpan HardDeadline { get; } = TimeSpan.FromMinutes(4);

    /// <summary>A failed run's message, with the tail of each trainer log: what a failing assertion needs to be read.</summary>
    public static Task<string> DescribeAsync(LocalSession session, LocalRunResult result)
        => DescribeAsync(session, result.RunId, $"{result.Status} {result.Summary?.Status}: {result.Failure}");

    public static async Task<string> DescribeAsync(LocalSession session, string runId, string headline)
    {
        var text = new StringBuilder(headline);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var log = session.Launcher?.LogPath(runId, attempt);
            if (log is not null && File.Exists(log))
            {
                var lines = await File.ReadAllLinesAsync(log);
                text.Append(CultureInfo.InvariantCulture, $"\n-- trainer attempt {attempt}:\n").AppendJoin('\n', lines.TakeLast(15));
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"/step-(\d+)/COMPLETE$")]
    private static partial Regex CheckpointMarker();

    [GeneratedRegex(@"resumed from the checkpoint at step (\d+)")]
    private static partial Regex ResumedNote();

    [GeneratedRegex(@"step (\d+)/\d+")]
    private static partial Regex StepLine();
}
