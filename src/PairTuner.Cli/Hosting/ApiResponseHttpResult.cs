using Microsoft.AspNetCore.Http;
using PairTuner.Workflow.Api;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// Writes a handler's <see cref="ApiResponse"/> as it is: status, headers, JSON body (as the
/// Functions app's result does), so both hosts answer byte for byte alike.
/// </summary>
internal sealed class ApiResponseHttpResult(ApiResponse response) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var http = httpContext.Response;
        http.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            http.Headers[name] = value;
        }

        if (response.Content is { } content)
        {
            http.ContentType = response.ContentType;
            await content(http.Body, httpContext.RequestAborted).ConfigureAwait(false);
            return;
        }

        var body = response.BodyBytes();
        if (body.Length > 0)
        {
            http.ContentType = ApiResponse.JsonContentType;
            await http.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
