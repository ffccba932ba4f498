using System.Diagnostics;
using Microsoft.DurableTask.Client;
using PairTuner.Cli.Hosting;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Runs;
using PairTuner.Training.Reporting;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Runs;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Tests.Hosting;

/// <summary>
/// End to end on Azurite: the local host (Azure Storage provider, in-process gRPC task hub, SDK
/// worker), the real ingest pipeline, and the real trainer, <c>pairtuner train --job ... --attempt N</c>
/// started as a child process by the host's process launcher, fine-tuning the tiny model on the
/// bundled sample.
/// </summary>
public sealed class LocalRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);


    [Fact]
    public async Task A_real_pairs_file_runs_to_completion_and_writes_every_blob_of_the_layout()
    {
        var hub = TestStorage.NewTaskHub();
        await using var session = await EndToEnd.StartAsync(hub);
        var store = session.Hub.Store;
        var options = await EndToEnd.OptionsAsync(store, hub, ("epochs", "2"), ("checkpointEvery", "4"));
        using var timeout = new CancellationTokenSource(Patience);
        var progress = new List<RunProgress>();
        var runId = "(not started)";

        var result = await EndToEnd.WithinAsync(
            new LocalRun(session.Hub).RunAsync(EndToEnd.SamplePath, $"{hub}/stsb-positives.jsonl", options, s => runId = s.RunId, progress.Add, timeout.Token),
            session, () => runId);

        Assert.True(result.Succeeded, await EndToEnd.DescribeAsync(session, result));
        var summary = result.Summary!;
        Assert.Equal(200, summary.Pairs);
        Assert.Equal(160, summary.TrainPairs);
        Assert.Equal(40, summary.EvalPairs);
        Assert.False(summary.LabelsSynthetic);
        Assert.Equal(1, summary.TrainerAttempts);
        Assert.Equal(RunStage.Completed, progress[^1].Stage);

        // Every blob docs/design.md's layout lists for a finished run (error.json only for a failed one).
        var run = new RunPaths(result.RunId);
        var runBlobs = await EndToEnd.ListAsync(store, run.Prefix);
        foreach (var expected in new[]
        {
            run.Request, run.Validation, run.Shard(0), run.Train(0), run.Eval(0), run.Job, run.Status,
            run.EvalReport, run.ReportHtml, run.TrainingLog, run.Summary,
        })
        {
            Assert.Contains(expected, runBlobs);
        }

        // A checkpoint every 4 steps and at each epoch end: the last one is the last step's.
        var status = await store.ReadJsonAsync<TrainerStatus>(run.Status);
        var last = run.Checkpoints + $"step-{status!.TotalSteps:D9}/COMPLETE";
        Assert.True(runBlobs.Contains(last), $"{last} is not among {string.Join(", ", runBlobs.Where(b => b.StartsWith(run.Checkpoints, StringComparison.Ordinal)))}");
        Assert.DoesNotContain(run.Error, runBlobs);
        var modelBlobs = await EndToEnd.ListAsync(store, run.Model);
        foreach (var file in EndToEnd.ModelFiles)
        {
            Assert.Contains(run.Model + file, modelBlobs);
        }

        // onnx/model.onnx is written for models of all-MiniLM-L6-v2's shape only (the builtin
        // export is the graph it fills in; SentenceTransformersFolder skips other shapes), so the
        // tiny model's run has none; the builtin model's folder tests cover that file.
        Assert.DoesNotContain(run.Onnx, modelBlobs);
        Assert.Null(summary.Onnx);

        // The trainer's last heartbeat, its job, and the evaluation of the base and the tuned model.
        // 160 pairs in batches of 32: at least 5 steps an epoch (a few more where the sampler keeps a
        // text that occurs twice out of a batch), for 2 epochs.
        Assert.Equal(TrainerStage.Completed, status.Stage);
        Assert.InRange(status.TotalSteps, 10, 14);
        Assert.Equal(status.TotalSteps, status.Step);
        Assert.Equal(1, status.Attempt);
        var job = await store.ReadJsonAsync<TrainingJob>(run.Job);
        Assert.Equal(2, job!.Options.Epochs);
        Assert.Equal([run.Train(0)], job.Train);
        Assert.False(job.Resume);
        var report = EvalReport.FromJson(await EndToEnd.ReadTextAsync(store, run.EvalReport));
        foreach (var metric in new[] { "cosine_ndcg@10", "cosine_mrr@10", "cosine_accuracy@1", "cosine_map@100", "spearman_cosine" })
        {
            Assert.InRange(report.Base[metric], -1, 1);
            Assert.InRange(report.Tuned[metric], -1, 1);
            Assert.Equal(report.Base[metric], summary.Metrics[metric].Base);
            Assert.Equal(report.Tuned[metric], summary.Metrics[metric].Tuned);
        }

        Assert.Equal(160, report.Data.TrainPairs);
        Assert.Equal(40, report.Data.EvalPairs);
        Assert.Equal(Steps(status.TotalSteps), await EndToEnd.LoggedStepsAsync(store, run));

        // The tuned model folder loads, embeds at the tiny model's width, and is not the base model.
        await EndToEnd.AssertTunedModelLoadsAsync(store, run);

        // The input is left exactly as uploaded.
        await using var input = await store.OpenReadAsync(result.Input);
        using var copy = new MemoryStream();
        await input.CopyToAsync(copy);
        Assert.Equal(await File.ReadAllBytesAsync(EndToEnd.SamplePath), copy.ToArray());
    }

    [Fact]
    public async Task A_file_of_only_bad_rows_fails_with_validation_and_error_json_and_nothing_else()
    {
        var hub = TestStorage.NewTaskHub();
        await using var session = await EndToEnd.StartAsync(hub);
        var file = Path.Combine(Path.GetTempPath(), $"{hub}-bad.jsonl");
        await File.WriteAllTextAsync(file, string.Join('\n', Enumerable.Range(0, 40).Select(i => $"{{\"text1\": \"only one text {i}\"}}")) + "\n");
        using var timeout = new CancellationTokenSource(Patience);

        try
        {
            var result = await EndToEnd.WithinAsync(
                new LocalRun(session.Hub).RunAsync(file, $"{hub}/bad.jsonl", EndToEnd.Monitoring(), null, null, timeout.Token), session, () => $"(the run of pairs/{hub}/bad.jsonl)");

            Assert.False(result.Succeeded);
            Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Status);
            Assert.Contains("cannot be trained on", result.Failure, StringComparison.Ordinal);
            Assert.Contains(":1: text2", result.Failure, StringComparison.Ordinal);
            var run = new RunPaths(result.RunId);
            // started.json is the starter's claim that makes one upload one run; nothing of the pipeline follows the failure.
            var written = (await EndToEnd.ListAsync(session.Hub.Store, run.Prefix)).Where(b => b != run.Prefix + "started.json");
            Assert.Equal([run.Error, run.Validation], written);
            Assert.Empty(await EndToEnd.ListAsync(session.Hub.Store, run.Model));
            Assert.Null(session.Launcher!.RunningProcessId(result.RunId));
            Assert.False(File.Exists(session.Launcher.LogPath(result.RunId, 1)), "no trainer may start for a file without pairs");
            var error = await session.Hub.Store.ReadJsonAsync<PairTuner.Workflow.Activities.RunError>(run.Error);
            Assert.Equal("Ingesting", error!.Stage);
            Assert.Contains(run.Validation, error.SeeAlso);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_same_upload_event_twice_starts_one_run_and_a_new_upload_another()
    {
        var hub = TestStorage.NewTaskHub();
        await using var session = await EndToEnd.StartAsync(hub);
        var name = $"{hub}/twice.jsonl";
        await EndToEnd.UploadPairsAsync(session.Hub.Store, hub, name);

        var starter = new PairsRunStarter(session.Hub.Client, session.Hub.Store.Service);
        var first = await starter.StartForUploadAsync(name);
        var second = await starter.StartForUploadAsync(name);
        await EndToEnd.UploadPairsAsync(session.Hub.Store, hub, name);
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
        await using var session = await EndToEnd.StartAsync(hub);
        var store = session.Hub.Store;
        // Batches of 8: 20 steps an epoch, about 100 in all, four times the 25 it takes to see a checkpoint and kill.
        var options = await EndToEnd.OptionsAsync(store, hub, ("epochs", "5"), ("batchSize", "8"), ("checkpointEvery", "25"));
        using var timeout = new CancellationTokenSource(Patience);
        var started = new TaskCompletionSource<RunStart>(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = new LocalRun(session.Hub).RunAsync(EndToEnd.SamplePath, $"{hub}/kill.jsonl", options, s => started.TrySetResult(s), null, timeout.Token);
        var runId = (await started.Task.WaitAsync(Patience)).RunId;
        var run = new RunPaths(runId);
        var checkpoint = await EndToEnd.WaitForCheckpointAsync(store, run, Patience);

        // Kill the real trainer once a complete checkpoint exists.
        var pid = session.Launcher!.RunningProcessId(runId);
        Assert.True(pid is not null, $"the trainer had already exited at the checkpoint of step {checkpoint}");
        using (var process = Process.GetProcessById(pid.Value))
        {
            process.Kill(entireProcessTree: true);
        }

        var result = await EndToEnd.WithinAsync(running, session, () => runId);

        Assert.True(result.Succeeded, await EndToEnd.DescribeAsync(session, result));
        Assert.Equal(2, result.Summary!.TrainerAttempts);
        var job = await store.ReadJsonAsync<TrainingJob>(run.Job);
        Assert.True(job!.Resume);
        Assert.Equal(2, job.Attempt);
        var status = await store.ReadJsonAsync<TrainerStatus>(run.Status);
        Assert.Equal(2, status!.Attempt);
        Assert.Equal(TrainerStage.Completed, status.Stage);
        Assert.Equal(status.TotalSteps, status.Step);

        // The relaunch started from a checkpoint, not from step 0: its report says from which,
        // its own output starts at the step after it, and the log has every step exactly once.
        var resumedFrom = EndToEnd.ResumedFrom(EvalReport.FromJson(await EndToEnd.ReadTextAsync(store, run.EvalReport)));
        Assert.InRange(resumedFrom, checkpoint, status.TotalSteps - 1);
        var secondLog = await File.ReadAllTextAsync(session.Launcher.LogPath(runId, 2));
        Assert.Equal(resumedFrom + 1, EndToEnd.FirstPrintedStep(secondLog));
        Assert.Equal(Steps(status.TotalSteps), await EndToEnd.LoggedStepsAsync(store, run));
        await EndToEnd.AssertTunedModelLoadsAsync(store, run);
    }

    [Fact]
    public async Task A_host_stopped_mid_run_and_started_again_on_the_same_task_hub_finishes_the_run()
    {
        var hub = TestStorage.NewTaskHub();
        string runId;
        int checkpoint;
        // Batches of 8: 20 steps an epoch, about 100 in all: the first host is stopped at the checkpoint of
        // step 25, long before the end (stopping it kills its trainer within a second or two).
        await using (var first = await EndToEnd.StartAsync(hub))
        {
            var options = await EndToEnd.OptionsAsync(first.Hub.Store, hub, ("epochs", "5"), ("batchSize", "8"), ("checkpointEvery", "25"));
            var started = new TaskCompletionSource<RunStart>(TaskCreationOptions.RunContinuationsAsynchronously);
            var following = new LocalRun(first.Hub).RunAsync(EndToEnd.SamplePath, $"{hub}/restart.jsonl", options, s => started.TrySetResult(s), null, CancellationToken.None);
            // Following ends with an error once its host is gone; that is expected and not the point.
            _ = following.ContinueWith(t => t.Exception, TaskScheduler.Default);
            runId = (await started.Task.WaitAsync(Patience)).RunId;
            checkpoint = await EndToEnd.WaitForCheckpointAsync(first.Hub.Store, new RunPaths(runId), Patience);
            Assert.False(following.IsCompleted);
            Assert.NotNull(first.Launcher!.RunningProcessId(runId));
        }

        // The first host is gone, and its trainer with it; a new host on the same hub picks the run up.
        await using var second = await EndToEnd.StartAsync(hub);
        using var timeout = new CancellationTokenSource(Patience);
        var result = await EndToEnd.WithinAsync(new LocalRun(second.Hub).FollowAsync(runId, $"pairs/{hub}/restart.jsonl", null, timeout.Token), second, () => runId);

        Assert.True(result.Succeeded, await EndToEnd.DescribeAsync(second, result));
        Assert.Equal(2, result.Summary!.TrainerAttempts);
        var run = new RunPaths(runId);
        var status = await second.Hub.Store.ReadJsonAsync<TrainerStatus>(run.Status);
        Assert.Equal(2, status!.Attempt);
        var resumedFrom = EndToEnd.ResumedFrom(EvalReport.FromJson(await EndToEnd.ReadTextAsync(second.Hub.Store, run.EvalReport)));
        Assert.InRange(resumedFrom, checkpoint, status.TotalSteps - 1);
        Assert.Equal(resumedFrom + 1, EndToEnd.FirstPrintedStep(await File.ReadAllTextAsync(second.Launcher!.LogPath(runId, 2))));
        Assert.Equal(Steps(status.TotalSteps), await EndToEnd.LoggedStepsAsync(second.Hub.Store, run));
    }

    private static IEnumerable<long> Steps(long total) => Enumerable.Range(1, (int)total).Select(i => (long)i);
}
