namespace PairTuner.Workflow.Api;

/// <summary>Why a run failed, and the blob with the details (<c>runs/{id}/error.json</c>).</summary>
public sealed record RunFailure(string Message, string? ErrorType, string Details);
