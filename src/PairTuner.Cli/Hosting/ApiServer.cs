using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PairTuner.Workflow.Api;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// docs/design.md's HTTP API for <c>pairtuner serve</c>: Kestrel on loopback, every request under
/// <c>/api/</c> handed to the same <see cref="RunsApi"/> handlers the Functions app uses.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>The API's base, e.g. <c>http://127.0.0.1:7071/api</c>.</summary>
    public Uri BaseUri { get; }

    /// <param name="port">0 picks a free port.</param>
    public static async Task<ApiServer> StartAsync(RunsApi api, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, CommandLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Map("/api/{**path}", async (HttpContext http) =>
        {
            var request = http.Request;
            var baseUri = new Uri($"{request.Scheme}://{request.Host}/api");
            var response = await api.HandleAsync(
                new ApiRequest(request.Method, (string?)http.GetRouteValue("path") ?? string.Empty, baseUri)
                {
                    Body = request.Body,
                    ContentLength = request.ContentLength,
                    Query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                },
                http.RequestAborted).ConfigureAwait(false);
            http.Response.StatusCode = response.StatusCode;
            foreach (var (name, value) in response.Headers)
            {
                http.Response.Headers[name] = value;
            }

            var body = response.BodyBytes();
            if (body.Length > 0)
            {
                http.Response.ContentType = ApiResponse.JsonContentType;
                await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
            }
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Urls.Select(u => new Uri(u)).First();
        return new ApiServer(app, new Uri($"http://127.0.0.1:{address.Port}/api"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
