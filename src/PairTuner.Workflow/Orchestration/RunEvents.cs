namespace PairTuner.Workflow.Orchestration;

/// <summary>External events the orchestration listens for.</summary>
public static class RunEvents
{
    /// <summary>
    /// Stops the run and its trainer. Cancelling through an event (rather than terminating the
    /// instance) lets the orchestration stop the trainer itself and write its summary.
    /// </summary>
    public const string Cancel = "cancel";
}
