using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Options;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Tests.Orchestration;

/// <summary>The orchestrator on the in-memory Durable Task host, with scripted activities.</summary>
public sealed class RunOrchestrationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static RunRequest Request(string runId, RunOptions? options = null) => new(
        runId,
        "pairs/tickets.jsonl",
        options ?? new RunOptions { MonitorInterval = TimeSpan.FromMilliseconds(100), MaxTrainerRestarts = 2 });

    private static async Task<OrchestrationMetadata> RunToEndAsync(FakeRunActivities fakes, RunRequest request)
    {
        await using var host = await DurableTaskTestHost.StartAsync(fakes.Register);
        var starter = new RunStarter(host.Client);
        var started = await starter.StartAsync(request);
        Assert.True(started.Started);
        using var timeout = new CancellationTokenSource(Patience);
        return await host.Client.WaitForInstanceCompletionAsync(request.RunId, getInputsAndOutputs: true, timeout.Token);
    }

    [Fact]
    public async Task A_good_run_fans_out_every_shard_trains_once_and_publishes_the_summary()
    {
        var fakes = new FakeRunActivities
        {
            ShardCount = 4,
            Check = (n, e) => n < 2 ? FakeRunActivities.Running(e.Attempt, n, 0.5, DateTimeOffset.UtcNow) : FakeRunActivities.Succeeded(),
        };

        var done = await RunToEndAsync(fakes, Request("good-1"));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var summary = done.ReadOutputAs<RunSummary>()!;
        Assert.Equal(RunStage.Completed, summary.Status);
        Assert.Equal(4, summary.Shards);
        Assert.Equal(40, summary.Pairs);
        Assert.Equal(2, summary.RejectedRows);
        Assert.Equal(32, summary.TrainPairs);
        Assert.Equal(8, summary.EvalPairs);
        Assert.True(summary.LabelsSynthetic);
        Assert.Equal(1, summary.TrainerAttempts);
        Assert.Equal("models/good-1/", summary.Model);
        Assert.Equal("models/good-1/onnx/model.onnx", summary.Onnx);
        Assert.Equal([0, 1, 2, 3], fakes.Splits.Select(s => s.ShardIndex).Order());

        var launch = Assert.Single(fakes.Launches);
        Assert.Equal(1, launch.Attempt);
        Assert.Equal(Enumerable.Range(0, 4).Select(k => $"runs/good-1/train/{k}.jsonl"), launch.Train);
        Assert.Equal(Enumerable.Range(0, 4).Select(k => $"runs/good-1/eval/{k}.jsonl"), launch.Eval);
        Assert.Single(fakes.Published);
        Assert.Empty(fakes.Errors);
        Assert.Empty(fakes.Stops);
        Assert.Equal(RunStage.Completed, done.ReadCustomStatusAs<RunProgress>()!.Stage);
    }

    [Fact]
    public async Task A_file_without_usable_pairs_fails_with_error_json_and_never_trains()
    {
        var fakes = new FakeRunActivities { IngestError = "pairs/tickets.jsonl has no usable pairs: line 1: text2 is empty." };

        var done = await RunToEndAsync(fakes, Request("bad-1"));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("line 1: text2 is empty", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        var error = Assert.Single(fakes.Errors);
        Assert.Equal("Ingesting", error.Stage);
        Assert.Contains("runs/bad-1/validation.json", error.SeeAlso);
        Assert.Empty(fakes.Launches);
        Assert.Empty(fakes.Published);
        Assert.Equal(RunStage.Failed, done.ReadCustomStatusAs<RunProgress>()!.Stage);
    }

    [Fact]
    public async Task A_trainer_that_dies_is_relaunched_with_resume_and_the_run_completes()
    {
        var fakes = new FakeRunActivities
        {
            // Attempt 1 beats once then dies; attempt 2 finishes.
            Check = (n, e) => e.Attempt == 1
                ? (n == 0 ? FakeRunActivities.Running(1, 3, 0.9, DateTimeOffset.UtcNow) : FakeRunActivities.Died(137))
                : FakeRunActivities.Succeeded(),
        };

        var done = await RunToEndAsync(fakes, Request("relaunch-1"));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal([1, 2], fakes.Launches.Select(l => l.Attempt));
        Assert.Equal(2, done.ReadOutputAs<RunSummary>()!.TrainerAttempts);
        Assert.Empty(fakes.Errors);
    }

    [Fact]
    public async Task A_trainer_that_keeps_dying_fails_the_run_after_the_restart_limit()
    {
        var fakes = new FakeRunActivities { Check = (_, _) => FakeRunActivities.Died(1) };

        var done = await RunToEndAsync(fakes, Request("dying-1"));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal([1, 2, 3], fakes.Launches.Select(l => l.Attempt)); // MaxTrainerRestarts = 2
        var error = Assert.Single(fakes.Errors);
        Assert.Contains("3 time(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("exit code 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("runs/dying-1/status.json", error.SeeAlso);
    }

    [Fact]
    public async Task A_hung_trainer_is_stopped_and_relaunched()
    {
        var stale = DateTimeOffset.UtcNow - TimeSpan.FromHours(1);
        var fakes = new FakeRunActivities
        {
            Check = (_, e) => e.Attempt == 1 ? FakeRunActivities.Running(1, 5, 0.7, stale) : FakeRunActivities.Succeeded(),
        };

        var done = await RunToEndAsync(fakes, Request("hung-1"));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("exec-1", Assert.Single(fakes.Stops).ExecutionId);
        Assert.Equal(2, fakes.Launches.Count);
    }

    [Fact]
    public async Task The_run_timeout_stops_the_trainer_and_fails_with_the_setting_named()
    {
        var fakes = new FakeRunActivities { Check = (n, e) => FakeRunActivities.Running(e.Attempt, n, 0.5, DateTimeOffset.UtcNow) };
        var options = new RunOptions { MonitorInterval = TimeSpan.FromMilliseconds(200), RunTimeout = TimeSpan.FromSeconds(2) };

        var done = await RunToEndAsync(fakes, Request("timeout-1", options));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("runTimeout", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Single(fakes.Stops);
        Assert.Single(fakes.Errors);
    }

    [Fact]
    public async Task Cancel_stops_the_trainer_and_completes_as_cancelled_with_progress_on_the_way()
    {
        var fakes = new FakeRunActivities { Check = (n, e) => FakeRunActivities.Running(e.Attempt, n + 1, 0.25, DateTimeOffset.UtcNow) };
        await using var host = await DurableTaskTestHost.StartAsync(fakes.Register);
        var starter = new RunStarter(host.Client);
        await starter.StartAsync(Request("cancel-1"));

        // Progress is published from the trainer's heartbeat while it trains.
        RunProgress? progress = null;
        using (var wait = new CancellationTokenSource(Patience))
        {
            while (progress is not { Stage: RunStage.Training, Step: > 0 })
            {
                await Task.Delay(100, wait.Token);
                progress = (await host.Client.GetInstanceAsync("cancel-1", getInputsAndOutputs: true, wait.Token))?.ReadCustomStatusAs<RunProgress>();
            }
        }

        Assert.Equal(TrainerStage.Training, progress.TrainerStage);
        Assert.Equal(0.25, progress.Loss);
        Assert.Equal(2, progress.Epochs);
        Assert.Equal(3, progress.Shards);
        Assert.Equal(3, progress.ShardsDone);

        Assert.True(await starter.CancelAsync("cancel-1"));
        using var timeout = new CancellationTokenSource(Patience);
        var done = await host.Client.WaitForInstanceCompletionAsync("cancel-1", getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(RunStage.Cancelled, done.ReadOutputAs<RunSummary>()!.Status);
        Assert.Single(fakes.Stops);
        Assert.Empty(fakes.Errors);
        Assert.False(await starter.CancelAsync("cancel-1"));
    }

    [Fact]
    public async Task Starting_the_same_run_twice_starts_one_orchestration()
    {
        var fakes = new FakeRunActivities();
        await using var host = await DurableTaskTestHost.StartAsync(fakes.Register);
        var starter = new RunStarter(host.Client);

        var first = await starter.StartAsync(Request("twice-1"));
        var second = await starter.StartAsync(Request("twice-1"));
        using var timeout = new CancellationTokenSource(Patience);
        await host.Client.WaitForInstanceCompletionAsync("twice-1", timeout.Token);
        var third = await starter.StartAsync(Request("twice-1"));

        Assert.True(first.Started);
        Assert.False(second.Started);
        Assert.False(third.Started);
        Assert.Single(fakes.Calls, c => c == "Ingest");
    }

    [Fact]
    public async Task A_long_training_continues_as_new_and_keeps_its_state()
    {
        var polls = RunOrchestration.PollsPerGeneration + 5;
        var fakes = new FakeRunActivities
        {
            Check = (n, e) => n < polls ? FakeRunActivities.Running(e.Attempt, n, 0.5, DateTimeOffset.UtcNow) : FakeRunActivities.Succeeded(),
        };
        var options = new RunOptions { MonitorInterval = TimeSpan.FromMilliseconds(1) };

        var done = await RunToEndAsync(fakes, Request("long-1", options));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var summary = done.ReadOutputAs<RunSummary>()!;
        Assert.Equal(30, summary.Pairs);
        Assert.Equal(24, summary.TrainPairs);
        Assert.Single(fakes.Launches);
        Assert.Single(fakes.Calls, c => c == "Ingest");
        Assert.Equal(polls + 1, fakes.Calls.Count(c => c == "CheckTrainer"));
    }
}
