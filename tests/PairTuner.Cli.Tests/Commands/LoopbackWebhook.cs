using System.Collections.Concurrent;
using System.Net;
using System.Text;
using PairTuner.Tests;

namespace PairTuner.Cli.Tests.Commands;

/// <summary>A real HTTP listener on loopback standing in for `func start`: records each request and answers with <see cref="Status"/>.</summary>
internal sealed class LoopbackWebhook : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;

    public LoopbackWebhook(HttpStatusCode status)
    {
        Status = status;
        _server = new LoopbackHttpServer(AnswerAsync);
    }

    public Uri BaseUri => _server.BaseUri;

    public HttpStatusCode Status { get; }

    public ConcurrentQueue<(string Method, Uri Url, WebHeaderCollection Headers, string Body)> Requests { get; } = new();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var headers = new WebHeaderCollection { context.Request.Headers };
        Requests.Enqueue((context.Request.HttpMethod, context.Request.Url!, headers, await reader.ReadToEndAsync().ConfigureAwait(false)));
        context.Response.StatusCode = (int)Status;
        context.Response.Close();
    }
}
