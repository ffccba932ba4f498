namespace PairTuner.Workflow.Api;

/// <summary>
/// Where to follow a run: the fields of Durable Functions' <c>CreateCheckStatusResponse</c>
/// (<c>id</c>, <c>statusQueryGetUri</c>, <c>sendEventPostUri</c>, <c>terminatePostUri</c>,
/// <c>purgeHistoryDeleteUri</c>), so tools written for Durable work unchanged, plus
/// <see cref="RunUri"/>, PairTuner's own status route with the stage, progress and outputs.
/// <see cref="TerminatePostUri"/> is always PairTuner's cancel route, which stops the trainer too.
/// </summary>
public sealed record RunLinks(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string RunUri)
{
    /// <summary>
    /// Links onto the API's own routes, for hosts without Durable's webhooks (<c>pairtuner serve</c>):
    /// status is <c>GET runs/{id}</c>, terminate is <c>POST runs/{id}/cancel</c> (which also stops
    /// the trainer), purge is <c>DELETE runs/{id}</c>, events <c>POST runs/{id}/raiseEvent/{eventName}</c>.
    /// </summary>
    public static RunLinks ForApi(Uri baseUri, string runId)
    {
        var run = RunUriOf(baseUri, runId);
        return new RunLinks(runId, run, run + "/raiseEvent/{eventName}", run + "/cancel", run, run);
    }

    /// <summary><c>{base}/runs/{id}</c>.</summary>
    public static string RunUriOf(Uri baseUri, string runId)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        return baseUri.AbsoluteUri.TrimEnd('/') + "/runs/" + Uri.EscapeDataString(runId);
    }
}
