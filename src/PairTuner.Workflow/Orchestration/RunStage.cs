namespace PairTuner.Workflow.Orchestration;

/// <summary>Where a run is, in the words the progress line and the HTTP API show.</summary>
public enum RunStage
{
    Queued,
    Ingesting,
    Splitting,
    Training,
    Publishing,
    Completed,
    Failed,
    Cancelled,
}
