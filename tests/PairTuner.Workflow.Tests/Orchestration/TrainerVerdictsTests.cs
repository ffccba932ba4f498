using PairTuner.Contracts.Jobs;
using PairTuner.Workflow.Activities;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Orchestration;

namespace PairTuner.Workflow.Tests.Orchestration;

public sealed class TrainerVerdictsTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(15);
    private static readonly TrainerExecution Second = new("process", "42-1", Attempt: 2);

    private static TrainerStatus Status(TrainerStage stage, int attempt = 2, TimeSpan? age = null, string? message = null) => new()
    {
        RunId = "r",
        Stage = stage,
        Attempt = attempt,
        Message = message,
        UpdatedAt = new DateTimeOffset(Now - (age ?? TimeSpan.Zero)),
    };

    private static TrainerVerdict Judge(TrainerExecutionStatus state, TrainerStatus? status, int? exitCode = null, string? message = null)
        => TrainerVerdicts.Judge(new TrainerCheck(new TrainerExecutionState(state, message, exitCode), status), Second, Now, Heartbeat);

    [Fact]
    public void A_running_trainer_with_a_fresh_heartbeat_is_running()
        => Assert.Equal(TrainerOutcome.Running, Judge(TrainerExecutionStatus.Running, Status(TrainerStage.Training, age: TimeSpan.FromMinutes(14))).Outcome);

    [Fact]
    public void A_running_trainer_without_a_heartbeat_yet_is_given_time()
        => Assert.Equal(TrainerOutcome.Running, Judge(TrainerExecutionStatus.Pending, null).Outcome);

    [Fact]
    public void A_stale_heartbeat_means_hung_and_the_trainer_is_stopped_first()
    {
        var verdict = Judge(TrainerExecutionStatus.Running, Status(TrainerStage.Training, age: TimeSpan.FromMinutes(16)));
        Assert.Equal(TrainerOutcome.Died, verdict.Outcome);
        Assert.True(verdict.StopFirst);
        Assert.Contains("no heartbeat", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_heartbeat_of_an_earlier_attempt_is_ignored()
        => Assert.Equal(TrainerOutcome.Running, Judge(TrainerExecutionStatus.Running, Status(TrainerStage.Training, attempt: 1, age: TimeSpan.FromHours(2))).Outcome);

    [Fact]
    public void A_failed_exit_is_a_death_with_the_launchers_words_and_exit_code()
    {
        var verdict = Judge(TrainerExecutionStatus.Failed, Status(TrainerStage.Training), exitCode: 137, message: "The trainer exited with code 137");
        Assert.Equal(TrainerOutcome.Died, verdict.Outcome);
        Assert.False(verdict.StopFirst);
        Assert.Equal("The trainer exited with code 137 (exit code 137).", verdict.Reason);
    }

    [Fact]
    public void A_trainer_that_reports_failure_while_alive_is_stopped_and_relaunched()
    {
        var verdict = Judge(TrainerExecutionStatus.Running, Status(TrainerStage.Failed, message: "CUDA out of memory"));
        Assert.Equal(TrainerOutcome.Died, verdict.Outcome);
        Assert.True(verdict.StopFirst);
        Assert.Contains("CUDA out of memory", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lost_trainer_whose_last_heartbeat_says_completed_succeeded()
        => Assert.Equal(TrainerOutcome.Succeeded, Judge(TrainerExecutionStatus.Unknown, Status(TrainerStage.Completed)).Outcome);

    [Fact]
    public void A_lost_trainer_that_had_not_finished_died()
        => Assert.Equal(TrainerOutcome.Died, Judge(TrainerExecutionStatus.Unknown, Status(TrainerStage.Training)).Outcome);

    [Fact]
    public void A_clean_exit_succeeded()
        => Assert.Equal(TrainerOutcome.Succeeded, Judge(TrainerExecutionStatus.Succeeded, null, exitCode: 0).Outcome);
}
