using PairTuner.Contracts.Jobs;
using PairTuner.Workflow.Activities;
using PairTuner.Workflow.Launchers;

namespace PairTuner.Workflow.Orchestration;

/// <summary>
/// Decides from one poll whether the trainer is still working, finished, or died. A pure
/// function of the poll, so the orchestration stays deterministic and tests can call it directly.
/// </summary>
public static class TrainerVerdicts
{
    public static TrainerVerdict Judge(TrainerCheck check, TrainerExecution execution, DateTime now, TimeSpan heartbeatTimeout)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(execution);

        // A heartbeat from an earlier attempt says nothing about this one.
        var status = check.Status is { } s && s.Attempt == execution.Attempt ? s : null;
        var state = check.State;
        switch (state.Status)
        {
            case TrainerExecutionStatus.Succeeded:
                return new TrainerVerdict(TrainerOutcome.Succeeded);

            case TrainerExecutionStatus.Failed:
                return new TrainerVerdict(TrainerOutcome.Died, Reason(status, state, "it failed"));

            case TrainerExecutionStatus.Stopped:
                return new TrainerVerdict(TrainerOutcome.Died, Reason(status, state, "it was stopped from outside the run"));

            case TrainerExecutionStatus.Unknown:
                // The launcher lost track (e.g. the local host restarted): trust the heartbeat's last word.
                return status?.Stage == TrainerStage.Completed
                    ? new TrainerVerdict(TrainerOutcome.Succeeded)
                    : new TrainerVerdict(TrainerOutcome.Died, Reason(status, state, "the launcher lost track of it"), StopFirst: true);

            default:
                if (status?.Stage == TrainerStage.Failed)
                {
                    return new TrainerVerdict(TrainerOutcome.Died, Reason(status, state, "it reported a failure"), StopFirst: true);
                }

                if (status is not null && now - status.UpdatedAt.UtcDateTime > heartbeatTimeout)
                {
                    return new TrainerVerdict(
                        TrainerOutcome.Died,
                        $"no heartbeat in status.json since {status.UpdatedAt:u} (trainerHeartbeatTimeout {heartbeatTimeout}).",
                        StopFirst: true);
                }

                return new TrainerVerdict(TrainerOutcome.Running);
        }
    }

    private static string Reason(TrainerStatus? status, TrainerExecutionState state, string fallback)
    {
        var what = state.Message ?? status?.Message ?? fallback;
        return state.ExitCode is { } code ? $"{what} (exit code {code})." : $"{what}.";
    }
}
