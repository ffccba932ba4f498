namespace PairTuner.Workflow.Runs;

/// <summary>Names of the external events a run's orchestration listens for.</summary>
public static class RunEvents
{
    /// <summary>
    /// Raised by <c>POST /runs/{id}/cancel</c>. The orchestration, not the API, stops the trainer
    /// (it holds the launcher's execution handle) and then ends the run as canceled; terminating
    /// the instance instead would leave the trainer running and billing.
    /// </summary>
    public const string Cancel = "Cancel";
}
