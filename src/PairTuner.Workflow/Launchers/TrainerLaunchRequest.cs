namespace PairTuner.Workflow.Launchers;

/// <param name="RunId">The run.</param>
/// <param name="JobPath">Artifact path of <c>job.json</c>, e.g. <c>runs/{id}/job.json</c>.</param>
/// <param name="Attempt">1 for the first launch, then one more per relaunch after a trainer died.</param>
public sealed record TrainerLaunchRequest(string RunId, string JobPath, int Attempt);
