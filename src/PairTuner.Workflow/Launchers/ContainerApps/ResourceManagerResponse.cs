using System.Net;

namespace PairTuner.Workflow.Launchers.ContainerApps;

/// <summary>A successful ARM answer: status, body text, and the long-running-operation headers.</summary>
internal sealed record ResourceManagerResponse(HttpStatusCode Status, string Body, Uri? Location, TimeSpan? RetryAfter);
