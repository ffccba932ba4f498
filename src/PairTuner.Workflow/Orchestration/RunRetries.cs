using Microsoft.DurableTask;

namespace PairTuner.Workflow.Orchestration;

/// <summary>Retry policies of the activities: storage hiccups are retried with backoff, a bad file is not.</summary>
internal static class RunRetries
{
    /// <summary>Activities that only touch storage: 5 attempts, 2 s doubling to 1 min.</summary>
    public static TaskOptions Storage { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromMinutes(1)));

    /// <summary>Launching a trainer: fewer attempts, since a relaunch is the monitor's job.</summary>
    public static TaskOptions Launch { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3,
        firstRetryInterval: TimeSpan.FromSeconds(5),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromMinutes(1)));
}
