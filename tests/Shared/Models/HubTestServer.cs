using System.Collections.Concurrent;
using System.Net;

namespace PairTuner.Tests.Models;

/// <summary>
/// A loopback HTTP server (shared by the Training and Cli tests: model values resolve through the Hub in both) (HttpListener on 127.0.0.1, ports 18200-18299) that answers like the
/// Hugging Face Hub: files at <c>/{repo}/resolve/{revision}/{file}</c>, 404 with
/// <c>X-Error-Code: EntryNotFound</c> for a missing file, 401 with <c>X-Error-Message</c> when a token
/// is required and absent or wrong, and 302 redirects where configured.
/// </summary>
internal sealed class HubTestServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    public HubTestServer()
    {
        (_listener, Port) = Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    /// <summary>Bodies by URL path.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Paths that answer 302 with this Location.</summary>
    public ConcurrentDictionary<string, string> Redirects { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every request must carry <c>Authorization: Bearer {RequiredToken}</c>.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Each request's path and Authorization header, in arrival order.</summary>
    public ConcurrentQueue<(string Path, string? Authorization)> Requests { get; } = new();

    public void AddFile(string repo, string revision, string file, byte[] body) => Files[$"/{repo}/resolve/{revision}/{file}"] = body;

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal exception.
        }
    }

    private static (HttpListener, int) Start()
    {
        for (var port = 18200 + Random.Shared.Next(100); ; port = 18200 + ((port - 18200 + 1) % 100))
        {
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
            var authorization = context.Request.Headers["Authorization"];
            Requests.Enqueue((path, authorization));
            var response = context.Response;
            if (RequiredToken is { } token && authorization != $"Bearer {token}")
            {
                response.StatusCode = 401;
                response.Headers["X-Error-Code"] = "GatedRepo";
                response.Headers["X-Error-Message"] = "Access to model org/private is restricted. You must have access to it and be authenticated to access it.";
            }
            else if (Redirects.TryGetValue(path, out var location))
            {
                response.StatusCode = 302;
                response.RedirectLocation = location;
            }
            else if (Files.TryGetValue(path, out var body))
            {
                response.StatusCode = 200;
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
            }
            else
            {
                response.StatusCode = 404;
                response.Headers["X-Error-Code"] = "EntryNotFound";
                response.Headers["X-Error-Message"] = "Entry not found";
            }

            response.Close();
        }
    }
}
