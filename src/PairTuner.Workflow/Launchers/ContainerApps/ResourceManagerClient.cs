using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;

namespace PairTuner.Workflow.Launchers.ContainerApps;

/// <summary>
/// A small Azure Resource Manager REST client: bearer token from a <see cref="TokenCredential"/>
/// (managed identity in Azure), retries that honour Retry-After, and errors turned into
/// <see cref="ResourceManagerException"/>s a user can act on.
/// </summary>
/// <remarks>
/// Reads and idempotent actions are retried on 429, 408, 5xx, timeouts and dropped connections. A
/// request that is not idempotent (starting an execution) is retried only on 429, which ARM answers
/// before the request reaches Container Apps; on any other transient failure Azure may or may not
/// have acted, so the client stops and reports <see cref="ResourceManagerException.OutcomeUnknown"/>
/// for the caller to find out before it asks again.
/// </remarks>
internal sealed class ResourceManagerClient
{
    private readonly HttpClient _http;
    private readonly TokenCredential _credential;
    private readonly ContainerAppsJobOptions _options;
    private readonly TokenRequestContext _tokenRequest;

    public ResourceManagerClient(HttpClient http, TokenCredential credential, ContainerAppsJobOptions options)
    {
        _http = http;
        _credential = credential;
        _options = options;
        _tokenRequest = new TokenRequestContext([new Uri(options.ResourceManagerEndpoint, ".default").ToString()]);
    }

    public Uri Url(string relativePath) =>
        new(_options.ResourceManagerEndpoint, $"{relativePath}?api-version={Uri.EscapeDataString(_options.ApiVersion)}");

    /// <summary>Sends with retries; returns the final response for 2xx and 404-when-allowed, throws otherwise.</summary>
    public async Task<ResourceManagerResponse> SendAsync(
        HttpMethod method, Uri url, JsonNode? body, string operation, CancellationToken cancellationToken,
        bool allowNotFound = false, bool idempotent = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = await CreateRequestAsync(method, url, body, cancellationToken).ConfigureAwait(false);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsUnanswered(e, cancellationToken))
            {
                if (!idempotent)
                {
                    throw new ResourceManagerException(
                        $"Could not {operation}: the request got no answer ({e.Message}); Azure may or may not have acted on it.",
                        e, outcomeUnknown: true);
                }

                if (attempt >= _options.MaxAttempts)
                {
                    throw new ResourceManagerException($"Could not {operation}: Azure Resource Manager could not be reached ({e.Message}).", e);
                }

                await Task.Delay(Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
                {
                    // Location is absolute from ARM, but resolve a relative one against the request anyway.
                    var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l : new Uri(url, l)) : null;
                    return new ResourceManagerResponse(response.StatusCode, text, location, response.Headers.RetryAfter?.Delta);
                }

                var retryable = idempotent ? IsTransient(response.StatusCode) : response.StatusCode == HttpStatusCode.TooManyRequests;
                if (retryable && attempt < _options.MaxAttempts)
                {
                    await Task.Delay(Backoff(attempt, response.Headers.RetryAfter), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw ResourceManagerErrors.Describe(response.StatusCode, text, operation, _options,
                    outcomeUnknown: !idempotent && IsTransient(response.StatusCode) && response.StatusCode != HttpStatusCode.TooManyRequests);
            }
        }
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: Retry-After when given, else 1, 2, 4... seconds, capped.</summary>
    public TimeSpan Backoff(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        var wait = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null)
            ?? TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }

        return wait > _options.MaxRetryDelay ? _options.MaxRetryDelay : wait;
    }

    private async Task<HttpRequestMessage> CreateRequestAsync(HttpMethod method, Uri url, JsonNode? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, url);
        var token = await _credential.GetTokenAsync(_tokenRequest, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        else if (method == HttpMethod.Post)
        {
            // ARM wants a Content-Length on POST even without a body.
            request.Content = new ByteArrayContent([]);
        }

        return request;
    }

    /// <summary>No answer came back: the connection failed or dropped, or HttpClient's own timeout fired (not the caller's cancellation).</summary>
    private static bool IsUnanswered(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static bool IsTransient(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || status == HttpStatusCode.RequestTimeout || (int)status >= 500;
}
