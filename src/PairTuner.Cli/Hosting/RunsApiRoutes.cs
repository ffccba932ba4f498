using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PairTuner.Workflow.Api;
using PairTuner.Workflow.Dashboard;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// docs/design.md's routes as Minimal API endpoints onto the <see cref="RunsApi"/> handlers the
/// Functions app uses too. ASP.NET Core routing picks the handler, so a wrong method gets its 405
/// with an Allow header from the router; <see cref="ApiServer"/> gives those answers a JSON body.
/// </summary>
internal static class RunsApiRoutes
{
    public const string Prefix = "/api";

    public static void MapRunsApi(this IEndpointRouteBuilder endpoints, RunsApi api, RunFilesApi files)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(files);
        var runs = endpoints.MapGroup(Prefix + "/runs");

        // CancellationToken binds to the request's abort; a lambda of HttpContext alone would be taken
        // for a RequestDelegate and its answer dropped.
        runs.MapPost(string.Empty, (HttpRequest request, CancellationToken aborted) =>
            Answer(api.StartAsync(Request(request, "runs"), aborted)));
        runs.MapGet(string.Empty, (HttpRequest request, CancellationToken aborted) =>
            Answer(api.ListAsync(Request(request, "runs"), aborted)));
        runs.MapGet("/{id}", (HttpRequest request, string id, CancellationToken aborted) =>
            Answer(api.GetAsync(Request(request, "runs/" + id), id, aborted)));
        runs.MapDelete("/{id}", (string id, CancellationToken aborted) =>
            Answer(api.PurgeAsync(id, aborted)));
        runs.MapPost("/{id}/cancel", (HttpRequest request, string id, CancellationToken aborted) =>
            Answer(api.CancelAsync(Request(request, $"runs/{id}/cancel"), id, aborted)));
        runs.MapPost("/{id}/raiseEvent/{eventName}", (HttpRequest request, string id, string eventName, CancellationToken aborted) =>
            Answer(api.RaiseEventAsync(Request(request, $"runs/{id}/raiseEvent/{eventName}"), id, eventName, aborted)));
        runs.MapGet("/{id}/log", (string id, CancellationToken aborted) => Answer(files.GetTrainingLogAsync(id, aborted)));
        runs.MapGet("/{id}/report", (string id, CancellationToken aborted) => Answer(files.GetReportAsync(id, aborted)));
        runs.MapGet("/{id}/eval", (string id, CancellationToken aborted) => Answer(files.GetEvalAsync(id, aborted)));
        runs.MapGet("/{id}/model.zip", (string id, CancellationToken aborted) => Answer(files.GetModelZipAsync(id, aborted)));

        // The dashboard at the root (what people open) and where the Functions app has it, so one link works on both.
        endpoints.MapGet("/", () => new ApiResponseHttpResult(DashboardPage.Answer()));
        endpoints.MapGet(Prefix + "/dashboard", () => new ApiResponseHttpResult(DashboardPage.Answer()));

        // The name may hold '/' (folders inside pairs/), as an upload's blob name may.
        endpoints.MapPut(Prefix + "/pairs/{**name}", (HttpRequest request, string name, CancellationToken aborted) =>
            Answer(files.UploadPairsAsync(Request(request, "pairs/" + name), name, aborted)));
    }

    private static ApiRequest Request(HttpRequest request, string route) =>
        new(request.Method, route, new Uri($"{request.Scheme}://{request.Host}{Prefix}"))
        {
            Body = request.Body,
            ContentLength = request.ContentLength,
            Query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        };

    private static async Task<IResult> Answer(Task<ApiResponse> handling) =>
        new ApiResponseHttpResult(await handling.ConfigureAwait(false));
}
