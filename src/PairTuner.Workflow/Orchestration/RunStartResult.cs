namespace PairTuner.Workflow.Orchestration;

/// <param name="RunId">The run, which is also the orchestration's instance id.</param>
/// <param name="Started">False when an orchestration with this id already existed, so nothing new was started.</param>
public sealed record RunStartResult(string RunId, bool Started);
