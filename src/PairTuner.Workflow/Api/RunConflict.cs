namespace PairTuner.Workflow.Api;

/// <summary>A 409 answer that points at the run that is in the way (the same upload started it already).</summary>
public sealed record RunConflict(string Error, RunLinks Run);
