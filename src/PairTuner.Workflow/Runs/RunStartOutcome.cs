namespace PairTuner.Workflow.Runs;

public enum RunStartOutcome
{
    /// <summary>A new orchestration was scheduled.</summary>
    Started,

    /// <summary>A run with this id exists already (the same upload seen again); nothing new was started.</summary>
    AlreadyExists,

    /// <summary>The upload's options were bad; <c>runs/{id}/error.json</c> says which, and no run was started.</summary>
    Rejected,
}
