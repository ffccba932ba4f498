using System.Collections.Concurrent;
using Microsoft.DurableTask;
using PairTuner.Contracts.Jobs;
using PairTuner.Workflow.Activities;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Orchestration;

namespace PairTuner.Workflow.Tests.Orchestration;

/// <summary>
/// Activities under the orchestration's real names, scripted per test, recording every call, so
/// the tests exercise the orchestrator's own decisions (the activities have their own tests).
/// </summary>
internal sealed class FakeRunActivities
{
    public int ShardCount { get; init; } = 3;
    public string? IngestError { get; init; }

    /// <summary>Answers to CheckTrainer, in order; the last one repeats.</summary>
    public Func<int, TrainerExecution, TrainerCheck> Check { get; init; } = (_, _) => Succeeded();

    public ConcurrentQueue<string> Calls { get; } = new();
    public ConcurrentQueue<StartTrainingInput> Launches { get; } = new();
    public ConcurrentQueue<TrainerExecution> Stops { get; } = new();
    public ConcurrentQueue<RunError> Errors { get; } = new();
    public ConcurrentQueue<RunSummary> Published { get; } = new();
    public ConcurrentQueue<ShardInput> Splits { get; } = new();

    private int _checks;

    public static TrainerCheck Succeeded() => new(new TrainerExecutionState(TrainerExecutionStatus.Succeeded, ExitCode: 0), null);

    public static TrainerCheck Running(int attempt, long step, double loss, DateTimeOffset updatedAt) => new(
        new TrainerExecutionState(TrainerExecutionStatus.Running),
        new TrainerStatus
        {
            RunId = "r",
            Stage = TrainerStage.Training,
            Epoch = 1,
            Epochs = 2,
            Step = step,
            TotalSteps = 20,
            Loss = loss,
            EtaSeconds = 12,
            Attempt = attempt,
            UpdatedAt = updatedAt,
        });

    public static TrainerCheck Died(int exitCode) => new(new TrainerExecutionState(TrainerExecutionStatus.Failed, "the process exited", exitCode), null);

    public void Register(DurableTaskRegistry tasks)
    {
        tasks.AddOrchestrator<RunOrchestration>(RunOrchestration.Name);
        tasks.AddActivityFunc<IngestInput, IngestOutcome>(IngestActivity.Name, (_, input) =>
        {
            Calls.Enqueue(IngestActivity.Name);
            return IngestError is null
                ? new IngestOutcome(Enumerable.Range(0, ShardCount).Select(k => $"runs/{input.RunId}/shards/{k}.jsonl").ToList(), ShardCount * 10, 2, null)
                : new IngestOutcome([], 0, 7, IngestError);
        });
        tasks.AddActivityFunc<ShardInput, ShardOutcome>(ScoreAndSplitActivity.Name, (_, input) =>
        {
            Calls.Enqueue(ScoreAndSplitActivity.Name);
            Splits.Enqueue(input);
            return new ShardOutcome(input.ShardIndex, $"runs/{input.RunId}/train/{input.ShardIndex}.jsonl", $"runs/{input.RunId}/eval/{input.ShardIndex}.jsonl", 8, 2, LabelsSynthetic: input.ShardIndex == 1);
        });
        tasks.AddActivityFunc<StartTrainingInput, TrainerExecution>(StartTrainingActivity.Name, (_, input) =>
        {
            Calls.Enqueue(StartTrainingActivity.Name);
            Launches.Enqueue(input);
            return new TrainerExecution("fake", $"exec-{input.Attempt}", input.Attempt);
        });
        tasks.AddActivityFunc<CheckTrainerInput, TrainerCheck>(CheckTrainerActivity.Name, (_, input) =>
        {
            Calls.Enqueue(CheckTrainerActivity.Name);
            return Check(Interlocked.Increment(ref _checks) - 1, input.Execution);
        });
        tasks.AddActivityFunc<TrainerExecution, bool>(StopTrainerActivity.Name, (_, execution) =>
        {
            Calls.Enqueue(StopTrainerActivity.Name);
            Stops.Enqueue(execution);
            return true;
        });
        tasks.AddActivityFunc<PublishInput, RunSummary>(PublishActivity.Name, (_, input) =>
        {
            Calls.Enqueue(PublishActivity.Name);
            Published.Enqueue(input.Summary);
            return input.Summary;
        });
        tasks.AddActivityFunc<RunError, bool>(RecordFailureActivity.Name, (_, error) =>
        {
            Calls.Enqueue(RecordFailureActivity.Name);
            Errors.Enqueue(error);
            return true;
        });
    }
}
