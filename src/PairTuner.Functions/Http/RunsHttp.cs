using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace PairTuner.Functions.Http;

/// <summary>
/// docs/design.md's HTTP API as Functions: thin adapters over <see cref="Workflow.Api.RunsApi"/>, the
/// same handlers <c>pairtuner serve</c> uses. Function-level keys (<c>?code=</c> or <c>x-functions-key</c>).
/// </summary>
public sealed class RunsHttp(RunServices services)
{
    [Function("StartRun")]
    public async Task<IActionResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var api = await ApiRequests.CreateAsync(request, "runs", client, context).ConfigureAwait(false);
        return new ApiResponseResult(await services.Api(client).StartAsync(api, request.HttpContext.RequestAborted).ConfigureAwait(false));
    }

    [Function("ListRuns")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var api = await ApiRequests.CreateAsync(request, "runs", client, context).ConfigureAwait(false);
        return new ApiResponseResult(await services.Api(client).ListAsync(api, request.HttpContext.RequestAborted).ConfigureAwait(false));
    }

    [Function("GetRun")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var api = await ApiRequests.CreateAsync(request, "runs/" + id, client, context).ConfigureAwait(false);
        return new ApiResponseResult(await services.Api(client).GetAsync(api, id, request.HttpContext.RequestAborted).ConfigureAwait(false));
    }

    [Function("CancelRun")]
    public async Task<IActionResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{id}/cancel")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var api = await ApiRequests.CreateAsync(request, "runs/" + id + "/cancel", client, context).ConfigureAwait(false);
        return new ApiResponseResult(await services.Api(client).CancelAsync(api, id, request.HttpContext.RequestAborted).ConfigureAwait(false));
    }
}
