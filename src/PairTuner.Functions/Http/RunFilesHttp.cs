using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace PairTuner.Functions.Http;

/// <summary>
/// The API's file routes as Functions: thin adapters over <see cref="Workflow.Api.RunFilesApi"/>, the
/// handlers <c>pairtuner serve</c> uses. The upload's body streams on to storage as it comes.
/// </summary>
public sealed class RunFilesHttp(RunServices services)
{
    [Function("UploadPairs")]
    public async Task<IActionResult> UploadAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "pairs/{*name}")] HttpRequest request,
        string name,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var api = await ApiRequests.CreateAsync(request, "pairs/" + name, client, context).ConfigureAwait(false);
        return new ApiResponseResult(await services.Files().UploadPairsAsync(api, name, request.HttpContext.RequestAborted).ConfigureAwait(false));
    }

    [Function("GetTrainingLog")]
    public async Task<IActionResult> LogAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}/log")] HttpRequest request, string id) =>
        new ApiResponseResult(await services.Files().GetTrainingLogAsync(id, request.HttpContext.RequestAborted).ConfigureAwait(false));

    [Function("GetReport")]
    public async Task<IActionResult> ReportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}/report")] HttpRequest request, string id) =>
        new ApiResponseResult(await services.Files().GetReportAsync(id, request.HttpContext.RequestAborted).ConfigureAwait(false));

    [Function("GetEval")]
    public async Task<IActionResult> EvalAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}/eval")] HttpRequest request, string id) =>
        new ApiResponseResult(await services.Files().GetEvalAsync(id, request.HttpContext.RequestAborted).ConfigureAwait(false));

    [Function("GetModelZip")]
    public async Task<IActionResult> ModelZipAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}/model.zip")] HttpRequest request, string id) =>
        new ApiResponseResult(await services.Files().GetModelZipAsync(id, request.HttpContext.RequestAborted).ConfigureAwait(false));
}
