namespace PairTuner.Workflow.Api;

/// <summary>
/// An HTTP request as the handlers see it, whatever the host (the Functions app or
/// <c>pairtuner serve</c>): no ASP.NET or Functions types, so the handlers are tested directly.
/// </summary>
/// <param name="Method">GET, POST, DELETE.</param>
/// <param name="Path">The route after the API base, e.g. <c>runs/abc/cancel</c>.</param>
/// <param name="BaseUri">The API's base, e.g. <c>http://127.0.0.1:7071/api</c>; links in answers start with it.</param>
public sealed record ApiRequest(string Method, string Path, Uri BaseUri)
{
    /// <summary>The body, read at most up to <see cref="ApiLimits.MaxBodyBytes"/> (plus one byte, to tell it is over).</summary>
    public Stream? Body { get; init; }

    /// <summary>The Content-Length header, when the client sent one: a body over the limit is refused before it is read.</summary>
    public long? ContentLength { get; init; }

    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The host's own management links for a run (the Functions app gives Durable's webhooks); null
    /// for the API's own routes (<see cref="RunLinks.ForApi"/>).
    /// </summary>
    public Func<string, RunLinks>? Links { get; init; }
}
