using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PairTuner.Cli.Tests.Commands;

/// <summary>A real HTTP listener on loopback standing in for `func start`: records each request and answers with <see cref="Status"/>.</summary>
internal sealed class LoopbackWebhook : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LoopbackWebhook(HttpStatusCode status)
    {
        Status = status;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }

        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    public HttpStatusCode Status { get; }

    public ConcurrentQueue<(string Method, Uri Url, WebHeaderCollection Headers, string Body)> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var headers = new WebHeaderCollection { context.Request.Headers };
            Requests.Enqueue((context.Request.HttpMethod, context.Request.Url!, headers, await reader.ReadToEndAsync().ConfigureAwait(false)));
            context.Response.StatusCode = (int)Status;
            context.Response.Close();
        }
    }
}
