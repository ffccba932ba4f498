using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PairTuner.Workflow.Api;

namespace PairTuner.Functions.Http;

/// <summary>Writes a handler's <see cref="ApiResponse"/> as it is: status, headers, JSON body.</summary>
public sealed class ApiResponseResult(ApiResponse response) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext.Response;
        http.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            http.Headers[name] = value;
        }

        if (response.Content is { } content)
        {
            http.ContentType = response.ContentType;
            await content(http.Body, context.HttpContext.RequestAborted).ConfigureAwait(false);
            return;
        }

        var body = response.BodyBytes();
        if (body.Length > 0)
        {
            http.ContentType = ApiResponse.JsonContentType;
            await http.Body.WriteAsync(body, context.HttpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
