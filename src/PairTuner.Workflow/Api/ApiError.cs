namespace PairTuner.Workflow.Api;

/// <summary>Every error answer's body: one message a user can act on, and each bad field when there are several.</summary>
public sealed record ApiError(string Error, IReadOnlyList<ApiErrorDetail>? Details = null);
