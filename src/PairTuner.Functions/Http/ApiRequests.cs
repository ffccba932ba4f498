using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using PairTuner.Workflow.Api;

namespace PairTuner.Functions.Http;

/// <summary>Turns an ASP.NET request of a Functions HTTP trigger into the handlers' <see cref="ApiRequest"/>.</summary>
internal static class ApiRequests
{
    /// <param name="request">The trigger's request.</param>
    /// <param name="route">The route after the prefix, e.g. <c>runs/abc/cancel</c>.</param>
    /// <param name="client">The Durable client: its management payload gives Durable's own status links.</param>
    /// <param name="context">The invocation, for the request data the payload needs.</param>
    public static async Task<ApiRequest> CreateAsync(HttpRequest request, string route, DurableTaskClient client, FunctionContext context)
    {
        // The API base is the request's URL up to the route (the route prefix, "api" by default, stays).
        var path = request.PathBase.Add(request.Path).Value ?? string.Empty;
        var at = path.LastIndexOf("/" + route, StringComparison.Ordinal);
        var basePath = at >= 0 ? path[..at] : path;
        var baseUri = new Uri($"{request.Scheme}://{request.Host}{basePath}");
        var requestData = await context.GetHttpRequestDataAsync().ConfigureAwait(false);
        return new ApiRequest(request.Method, route, baseUri)
        {
            Body = request.Body,
            ContentLength = request.ContentLength,
            Query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            Links = id =>
            {
                var payload = client.CreateHttpManagementPayload(id, requestData);
                var own = RunLinks.ForApi(baseUri, id);
                return new RunLinks(
                    payload.Id ?? id,
                    payload.StatusQueryGetUri ?? own.StatusQueryGetUri,
                    payload.SendEventPostUri ?? own.SendEventPostUri,
                    payload.TerminatePostUri ?? own.TerminatePostUri,
                    payload.PurgeHistoryDeleteUri ?? own.PurgeHistoryDeleteUri,
                    own.RunUri);
            },
        };
    }
}
