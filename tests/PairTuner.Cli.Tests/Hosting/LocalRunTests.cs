using System.Diagnostics;
using System.Text;
using Microsoft.DurableTask.Client;
using PairTuner.Cli.Hosting;
using PairTuner.Cli.Tests.Fakes;
using PairTuner.Core.Jobs;
using PairTuner.Core.Storage;
using PairTuner.Workflow.Launchers.Process;
using PairTuner.Workflow.Options;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>
/// End to end on Azurite: the local host (Azure Storage provider, in-process gRPC task hub, SDK
/// worker), the real ingest pipeline, and a real trainer child process (the fake trainer of this
/// assembly, which keeps the job.json contract).
/// </summary>
public sealed class LocalRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    internal static string SamplePath => Path.Combine(RepoRoot(), "samples", "stsb-positives.jsonl");

    internal static async Task<LocalSession> StartAsync(string taskHub, int stepMillis = 100)
    {
        var storage = await TestStorage.RequireAsync();
        var trainer = ProcessTrainerOptions.ForDll(typeof(FakeTrainer).Assembly.Location) with
        {
            Environment = new Dictionary<string, string> { [FakeTrainer.StepMillisVariable] = stepMillis.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return await LocalSession.StartAsync(new LocalSessionOptions
        {
            Storage = storage,
            TaskHubName = taskHub,
            Trainer = trainer,
            StateFolder = Path.Combine(Path.GetTempPath(), "pairtuner-tests", taskHub),
        });
    }

    private static Action<RunOptionsBuilder> Options(params (string Key, string Value)[] values) => builder =>
    {
        builder.Add(OptionSource.CommandLine, "monitorInterval", "00:00:00.2");
        foreach (var (key, value) in values)
        {
            builder.Add(OptionSource.CommandLine, key, value);
        }
    };

    private static async Task<List<string>> ListAsync(IArtifactStore store, string prefix)
    {
        var names = new List<string>();
        await foreach (var name in store.ListAsync(prefix))
        {
            names.Add(name);
        }

        return names;
    }

    [Fact]
    public async Task A_real_pairs_file_runs_to_completion_and_writes_every_blob_of_the_layout()
    {
        var hub = TestStorage.NewTaskHub();
        // Steps slow enough (0.5 s) that the 0.2 s monitor sees training in progress even on a loaded machine.
        await using var session = await StartAsync(hub, stepMillis: 500);
        var blobName = $"{hub}/stsb-positives.jsonl";
        using var timeout = new CancellationTokenSource(Patience);
        var progress = new List<RunProgress>();

        var result = await new LocalRun(session.Hub).RunAsync(SamplePath, blobName, Options(("epochs", "2"), ("checkpointEvery", "4")), null, progress.Add, timeout.Token);

        Assert.True(result.Succeeded, $"{result.Status} {result.Summary?.Status}: {result.Failure}");
        var summary = result.Summary!;
        Assert.Equal(200, summary.Pairs);
        Assert.Equal(160, summary.TrainPairs);
        Assert.Equal(40, summary.EvalPairs);
        Assert.False(summary.LabelsSynthetic);
        Assert.Equal(1, summary.TrainerAttempts);
        Assert.Equal(0.5, summary.Metrics["cosine_ndcg@10"].Base);
        Assert.Equal(0.7, summary.Metrics["cosine_ndcg@10"].Tuned);
        Assert.Contains(progress, p => p.Stage == RunStage.Training && p.TrainerStage == TrainerStage.Training && p.TotalSteps == 10 && p.Loss is not null);
        Assert.Equal(RunStage.Completed, progress[^1].Stage);

        var store = session.Hub.Store;
        var run = new RunPaths(result.RunId);
        var runBlobs = await ListAsync(store, run.Prefix);
        foreach (var expected in new[]
        {
            run.Request, run.Validation, run.Shard(0), run.Train(0), run.Eval(0), run.Job, run.Status,
            run.EvalReport, run.ReportHtml, run.TrainingLog, run.Summary,
        })
        {
            Assert.Contains(expected, runBlobs);
        }

        Assert.Contains(runBlobs, b => b.StartsWith(run.Checkpoints, StringComparison.Ordinal));
        Assert.DoesNotContain(run.Error, runBlobs);
        var modelBlobs = await ListAsync(store, run.Model);
        foreach (var file in new[]
        {
            "config.json", "model.safetensors", "vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
            "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling/config.json", "onnx/model.onnx",
        })
        {
            Assert.Contains(run.Model + file, modelBlobs);
        }

        // The job the trainer got, and the input left exactly as uploaded.
        var job = await store.ReadJsonAsync<TrainingJob>(run.Job);
        Assert.Equal(2, job!.Options.Epochs);
        Assert.Equal([run.Train(0)], job.Train);
        Assert.False(job.Resume);
        await using var input = await store.OpenReadAsync(result.Input);
        using var copy = new MemoryStream();
        await input.CopyToAsync(copy);
        Assert.Equal(await File.ReadAllBytesAsync(SamplePath), copy.ToArray());
    }

    [Fact]
    public async Task A_file_of_only_bad_rows_fails_with_validation_and_error_json_and_nothing_else()
    {
        var hub = TestStorage.NewTaskHub();
        await using var session = await StartAsync(hub);
        var file = Path.Combine(Path.GetTempPath(), $"{hub}-bad.jsonl");
        await File.WriteAllTextAsync(file, string.Join('\n', Enumerable.Range(0, 40).Select(i => $"{{\"text1\": \"only one text {i}\"}}")) + "\n");
        using var timeout = new CancellationTokenSource(Patience);

        var result = await new LocalRun(session.Hub).RunAsync(file, $"{hub}/bad.jsonl", Options(), null, null, timeout.Token);

        Assert.False(result.Succeeded);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Status);
        Assert.Contains("cannot be trained on", result.Failure, StringComparison.Ordinal);
        Assert.Contains(":1: text2", result.Failure, StringComparison.Ordinal);
        var run = new RunPaths(result.RunId);
        // started.json is the starter's claim that makes one upload one run; nothing of the pipeline follows the failure.
        var written = (await ListAsync(session.Hub.Store, run.Prefix)).Where(b => b != run.Prefix + "started.json");
        Assert.Equal([run.Error, run.Validation], written);
        Assert.Empty(await ListAsync(session.Hub.Store, run.Model));
        var error = await session.Hub.Store.ReadJsonAsync<PairTuner.Workflow.Activities.RunError>(run.Error);
        Assert.Equal("Ingesting", error!.Stage);
        Assert.Contains(run.Validation, error.SeeAlso);
    }

    [Fact]
    public async Task The_same_upload_event_twice_starts_one_run_and_a_new_upload_another()
    {
        var hub = TestStorage.NewTaskHub();
        await using var session = await StartAsync(hub);
        var name = $"{hub}/twice.jsonl";
        await using (var content = File.OpenRead(SamplePath))
        {
            await session.Hub.Store.WriteAsync($"pairs/{name}", content);
        }

        var starter = new PairsRunStarter(session.Hub.Client, session.Hub.Store.Service);
        var first = await starter.StartForUploadAsync(name);
        var second = await starter.StartForUploadAsync(name);
        await using (var content = File.OpenRead(SamplePath))
        {
            await session.Hub.Store.WriteAsync($"pairs/{name}", content);
        }

        var third = await starter.StartForUploadAsync(name);

        Assert.Equal(RunStartOutcome.Started, first.Outcome);
        Assert.Equal(RunStartOutcome.AlreadyExists, second.Outcome);
        Assert.Equal(first.RunId, second.RunId);
        Assert.Equal(RunStartOutcome.Started, third.Outcome);
        Assert.NotEqual(first.RunId, third.RunId);
        foreach (var id in new[] { first.RunId, third.RunId })
        {
            await session.Hub.Starter.CancelAsync(id);
        }

        using var timeout = new CancellationTokenSource(Patience);
        await session.Hub.Client.WaitForInstanceCompletionAsync(first.RunId, timeout.Token);
        await session.Hub.Client.WaitForInstanceCompletionAsync(third.RunId, timeout.Token);
    }

    [Fact]
    public async Task A_trainer_killed_mid_training_is_relaunched_and_completes_from_its_checkpoint()
    {
        var hub = TestStorage.NewTaskHub();
        await using var session = await StartAsync(hub, stepMillis: 150);
        var run = new LocalRun(session.Hub);
        using var timeout = new CancellationTokenSource(Patience);
        RunStart? start = null;
        var killed = false;
        void Kill(RunProgress p)
        {
            // Kill the first trainer for real once it has written a checkpoint (every 4 steps).
            if (!killed && start is not null && p is { Stage: RunStage.Training, TrainerAttempt: 1, Step: >= 6 }
                && session.Launcher!.RunningProcessId(start.RunId) is { } pid)
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                killed = true;
            }
        }

        var result = await run.RunAsync(SamplePath, $"{hub}/kill.jsonl", Options(("epochs", "3"), ("checkpointEvery", "4")), s => start = s, Kill, timeout.Token);

        Assert.True(killed);
        Assert.True(result.Succeeded, $"{result.Status} {result.Summary?.Status}: {result.Failure}");
        Assert.Equal(2, result.Summary!.TrainerAttempts);
        var job = await session.Hub.Store.ReadJsonAsync<TrainingJob>(new RunPaths(result.RunId).Job);
        Assert.True(job!.Resume);
        Assert.Equal(2, job.Attempt);
        var log = await File.ReadAllTextAsync(session.Launcher!.LogPath(result.RunId, 2));
        Assert.Matches(@"attempt 2, 160 pairs, steps ([4-9]|\d\d+)\.\.15", log);
    }

    [Fact]
    public async Task A_host_stopped_mid_run_and_started_again_on_the_same_task_hub_finishes_the_run()
    {
        var hub = TestStorage.NewTaskHub();
        RunStart? start = null;
        // 1 s steps: 20 s of training, so the first host is surely stopped mid-run, whatever the load.
        await using (var first = await StartAsync(hub, stepMillis: 1000))
        {
            using var reachedTraining = new CancellationTokenSource(Patience);
            var seen = new TaskCompletionSource();
            var following = new LocalRun(first.Hub).RunAsync(
                SamplePath, $"{hub}/restart.jsonl", Options(("epochs", "2"), ("checkpointEvery", "4")), s => start = s,
                p =>
                {
                    if (p is { Stage: RunStage.Training, Step: >= 5 })
                    {
                        seen.TrySetResult();
                    }
                },
                reachedTraining.Token);
            await seen.Task.WaitAsync(Patience);
            Assert.False(following.IsCompleted);
        }

        // The first host is gone, and its trainer with it; a new host on the same hub picks the run up.
        await using var second = await StartAsync(hub, stepMillis: 50);
        using var timeout = new CancellationTokenSource(Patience);
        var result = await new LocalRun(second.Hub).FollowAsync(start!.RunId, start.Input, null, timeout.Token);

        Assert.True(result.Succeeded, $"{result.Status} {result.Summary?.Status}: {result.Failure}");
        Assert.Equal(2, result.Summary!.TrainerAttempts);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Functions.sln) is not above the test's folder.");
    }
}
