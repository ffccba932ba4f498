namespace PairTuner.Workflow.Api;

/// <summary>The answer of <c>GET /runs</c>: the most recent runs first.</summary>
public sealed record RunList(IReadOnlyList<RunListItem> Runs);
