using System.Collections.Concurrent;
using System.Net;
using System.Text;
using PairTuner.Tests;

namespace PairTuner.Workflow.Tests.Launchers.ContainerApps;

/// <summary>
/// Azure Resource Manager on loopback for launcher tests: a real HTTP server that records every
/// request and answers with what each test scripts, in ARM's shapes (status codes, Location and
/// Retry-After headers, <c>{"error":{"code","message"}}</c> bodies).
/// </summary>
internal sealed class LoopbackResourceManager : IAsyncDisposable
{
    private readonly Func<RecordedRequest, ArmAnswer> _answer;
    private readonly LoopbackHttpServer _server;

    public LoopbackResourceManager(Func<RecordedRequest, ArmAnswer> answer)
    {
        _answer = answer;
        _server = new LoopbackHttpServer(AnswerAsync);
    }

    public Uri BaseUri => _server.BaseUri;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var request = new RecordedRequest(
            context.Request.HttpMethod,
            context.Request.Url!.AbsolutePath,
            context.Request.QueryString["api-version"],
            context.Request.Headers["Authorization"],
            context.Request.ContentType,
            await reader.ReadToEndAsync().ConfigureAwait(false),
            context.Request.QueryString["$skipToken"]);
        Requests.Enqueue(request);

        var answer = _answer(request);
        if (answer.Dropped)
        {
            // The connection closes without a response, as when a proxy or the network loses the answer.
            context.Response.Abort();
            return;
        }

        context.Response.StatusCode = (int)answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        var bytes = Encoding.UTF8.GetBytes(answer.Body ?? string.Empty);
        if (bytes.Length > 0)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
        }

        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }
}

internal sealed record RecordedRequest(string Method, string Path, string? ApiVersion, string? Authorization, string? ContentType, string Body, string? SkipToken = null);

internal sealed record ArmAnswer(HttpStatusCode Status, string? Body = null, params (string Name, string Value)[] Headers)
{
    /// <summary>No answer at all: the server closes the connection after it has acted on the request.</summary>
    public static ArmAnswer Drop { get; } = new(HttpStatusCode.OK) { Dropped = true };

    public bool Dropped { get; init; }

    public static ArmAnswer Error(HttpStatusCode status, string code, string message, params (string, string)[] headers) =>
        new(status, $$$"""{"error":{"code":"{{{code}}}","message":"{{{message}}}"}}""", headers);
}
