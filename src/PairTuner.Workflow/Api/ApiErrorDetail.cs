namespace PairTuner.Workflow.Api;

/// <summary>One bad field of a request: <c>batchSize</c>, <c>pairs[3][1]</c>.</summary>
/// <param name="Field">The field, as a JSON path into the body (or the option name).</param>
/// <param name="Value">The value as given, when it is short enough to echo.</param>
/// <param name="Message">What is allowed.</param>
/// <param name="Source">For options: where the value came from (appSettings, blobMetadata, requestBody).</param>
public sealed record ApiErrorDetail(string Field, string? Value, string Message, string? Source = null);
