namespace PairTuner.Workflow.Api;

/// <summary>One run of <c>GET /runs</c>.</summary>
public sealed record RunListItem(string Id, string Status, string? Stage, string? Input, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt, string RunUri);
