using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PairTuner.Workflow.Api;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// docs/design.md's HTTP API for <c>pairtuner serve</c>: Kestrel on loopback, the routes of
/// <see cref="RunsApiRoutes"/> onto the same <see cref="RunsApi"/> handlers the Functions app uses.
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
    public static async Task<ApiServer> StartAsync(RunsApi api, RunFilesApi files, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(files);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, CommandLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.UseStatusCodePages(WriteRoutingErrorAsync);
        app.MapRunsApi(api, files);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Urls.Select(u => new Uri(u)).First();
        return new ApiServer(app, new Uri($"http://127.0.0.1:{address.Port}/api"));
    }

    /// <summary>
    /// The router's own 404 (no such route) and 405 (a route, another method: it has set Allow) come
    /// without a body; under /api they get the error JSON every other answer of the API has.
    /// </summary>
    private static async Task WriteRoutingErrorAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments(RunsApiRoutes.Prefix, out var route))
        {
            return;
        }

        var message = http.Response.StatusCode switch
        {
            StatusCodes.Status405MethodNotAllowed => $"This route takes {http.Response.Headers.Allow}.",
            StatusCodes.Status404NotFound => $"No route '{route.Value?.TrimStart('/')}'. The API has runs, runs/{{id}} and runs/{{id}}/cancel.",
            _ => null,
        };
        if (message is not null)
        {
            await new ApiResponseHttpResult(ApiResponse.Error(http.Response.StatusCode, message)).ExecuteAsync(http).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
