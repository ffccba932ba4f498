using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using PairTuner.Contracts.Options;
using PairTuner.Contracts.Runs;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Api;

/// <summary>
/// The HTTP API's handlers (docs/design.md): <c>POST /runs</c>, <c>GET /runs/{id}</c>, <c>GET /runs</c>,
/// <c>POST /runs/{id}/cancel</c>, and for hosts without Durable's webhooks <c>DELETE /runs/{id}</c>
/// and <c>POST /runs/{id}/raiseEvent/{eventName}</c>. Transport-neutral: the Functions app (a
/// function per route) and <c>pairtuner serve</c> (ASP.NET Core Minimal APIs) route the requests,
/// turn them into <see cref="ApiRequest"/> and write back the <see cref="ApiResponse"/>.
/// </summary>
public sealed class RunsApi
{
    private readonly DurableTaskClient _client;
    private readonly PairsRunStarter _starter;
    private readonly ApiLimits _limits;

    public RunsApi(DurableTaskClient client, PairsRunStarter starter, ApiLimits? limits = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _starter = starter ?? throw new ArgumentNullException(nameof(starter));
        _limits = limits ?? new ApiLimits();
    }

    /// <summary><c>POST /runs</c>: 202 with the run's links, 400 naming every bad field, 409 when the run exists, 413 over the body limit.</summary>
    public async Task<ApiResponse> StartAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[] bytes;
        try
        {
            bytes = await LimitedBody.ReadAsync(request.Body, request.ContentLength, _limits.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestTooLargeException e)
        {
            return ApiResponse.Error(413, e.Message);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $" at line {(line + 1).ToString(CultureInfo.InvariantCulture)}, byte {((e.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}"
                : string.Empty;
            return ApiResponse.Error(400, $"The request body is not valid JSON{where}. Send {{ \"input\": \"pairs/NAME\" }} or {{ \"pairs\": [[\"text1\", \"text2\"]] }}.");
        }

        using (document)
        {
            var body = StartRunBodyReader.Read(document.RootElement, _limits, out var problems);
            if (body is null)
            {
                return ApiResponse.Error(400, "The request is not a run: " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")) + ".", problems);
            }

            void AddOptions(RunOptionsBuilder builder)
            {
                foreach (var (key, value) in body.Options)
                {
                    builder.AddJson(OptionSource.RequestBody, key, value);
                }
            }

            RunStart start;
            try
            {
                start = body.Input is { } input
                    ? await _starter.StartFromBlobAsync(input[(BlobNames.PairsContainer.Length + 1)..], AddOptions, body.RunId, cancellationToken).ConfigureAwait(false)
                    : await _starter.StartInlineAsync(body.Pairs!, AddOptions, body.RunId, cancellationToken).ConfigureAwait(false);
            }
            catch (RunOptionsException e)
            {
                return ApiResponse.Error(400, e.Message, e.Errors.Select(ToDetail).ToList());
            }
            catch (PairsNotFoundException e)
            {
                return ApiResponse.Error(400, e.Message, [new ApiErrorDetail("input", body.Input, "no such blob")]);
            }

            var links = LinksFor(request, start.RunId);
            if (start.Outcome == RunStartOutcome.AlreadyExists)
            {
                return new ApiResponse(409, new RunConflict(
                    $"Run '{start.RunId}' exists already for {start.Input}: one upload is one run. Upload the file again (new content, new run) or pass another runId.",
                    links));
            }

            return new ApiResponse(202, links)
            {
                Headers = new Dictionary<string, string>
                {
                    ["Location"] = links.StatusQueryGetUri,
                    ["Retry-After"] = "10",
                },
            };
        }
    }

    /// <summary><c>GET /runs/{id}</c>: status, stage, progress, output locations, error; 404 when there is no such run.</summary>
    public async Task<ApiResponse> GetAsync(ApiRequest request, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(runId) is { } bad)
        {
            return bad;
        }

        var instance = await _client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return NoSuchRun(runId);
        }

        var progress = ParseJson(instance.SerializedCustomStatus);
        var summary = ParseJson(instance.SerializedOutput);

        // A cancelled run completes too (it stopped its trainer and wrote its summary) but has no model.
        var completed = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
        var produced = completed && !string.Equals(StringProperty(summary, "status"), "cancelled", StringComparison.OrdinalIgnoreCase);
        var failure = instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed
            ? new RunFailure(
                instance.FailureDetails?.ErrorMessage ?? "The run failed.",
                instance.FailureDetails?.ErrorType,
                new RunPaths(runId).Error)
            : null;
        var view = new RunView(
            runId,
            StatusText(instance.RuntimeStatus),
            completed ? Property(summary, "verdict") : null,
            StringProperty(progress, "stage"),
            StringProperty(ParseJson(instance.SerializedInput), "input"),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            progress,
            produced ? RunOutputs.Of(runId) : null,
            completed ? summary : null,
            failure,
            LinksFor(request, runId));
        return ApiResponse.Ok(view);
    }

    /// <summary><c>GET /runs?top=20&amp;status=running</c>: the most recent runs first.</summary>
    public async Task<ApiResponse> ListAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var top = 20;
        if (request.Query.TryGetValue("top", out var topText)
            && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1 || top > _limits.MaxListedRuns))
        {
            return ApiResponse.Error(400, $"top must be an integer from 1 to {_limits.MaxListedRuns.ToString(CultureInfo.InvariantCulture)}.", [new ApiErrorDetail("top", topText, "1 to " + _limits.MaxListedRuns.ToString(CultureInfo.InvariantCulture))]);
        }

        List<OrchestrationRuntimeStatus>? statuses = null;
        if (request.Query.TryGetValue("status", out var statusText))
        {
            statuses = [];
            foreach (var name in statusText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status) || !Enum.IsDefined(status))
                {
                    return ApiResponse.Error(400, $"status '{name}' is none of pending, running, completed, failed, terminated, suspended.", [new ApiErrorDetail("status", name, "pending, running, completed, failed, terminated or suspended")]);
                }

                statuses.Add(status);
            }
        }

        var query = new OrchestrationQuery { Statuses = statuses, PageSize = 100, FetchInputsAndOutputs = true };
        var runs = new List<RunListItem>();
        await foreach (var instance in _client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(instance.Name, RunOrchestration.Name, StringComparison.Ordinal))
            {
                continue;
            }

            runs.Add(new RunListItem(
                instance.InstanceId,
                StatusText(instance.RuntimeStatus),
                StringProperty(ParseJson(instance.SerializedCustomStatus), "stage"),
                StringProperty(ParseJson(instance.SerializedInput), "input"),
                instance.CreatedAt,
                instance.LastUpdatedAt,
                RunLinks.RunUriOf(request.BaseUri, instance.InstanceId)));
        }

        return ApiResponse.Ok(new RunList(runs.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Take(top).ToList()));
    }

    /// <summary>
    /// <c>POST /runs/{id}/cancel</c>: asks the run to stop (it stops its trainer, then ends); a run
    /// still pending has no trainer and is terminated at once. 202, 404, or 409 when it already ended.
    /// </summary>
    public async Task<ApiResponse> CancelAsync(ApiRequest request, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(runId) is { } bad)
        {
            return bad;
        }

        var instance = await _client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return NoSuchRun(runId);
        }

        if (IsFinished(instance.RuntimeStatus))
        {
            return ApiResponse.Error(409, $"Run '{runId}' has already ended ({StatusText(instance.RuntimeStatus)}); there is nothing to cancel.");
        }

        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
        {
            await _client.TerminateInstanceAsync(runId, "Canceled before it started.", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _client.RaiseEventAsync(runId, Runs.RunEvents.Cancel, "Canceled through the API.", cancellationToken).ConfigureAwait(false);
        }

        return new ApiResponse(202, LinksFor(request, runId));
    }

    /// <summary><c>DELETE /runs/{id}</c>: forgets an ended run's history (its blobs stay). 200, 404, or 409 while it runs.</summary>
    public async Task<ApiResponse> PurgeAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (BadRunId(runId) is { } bad)
        {
            return bad;
        }

        var instance = await _client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return NoSuchRun(runId);
        }

        if (!IsFinished(instance.RuntimeStatus))
        {
            return ApiResponse.Error(409, $"Run '{runId}' is {StatusText(instance.RuntimeStatus)}; cancel it before purging its history.");
        }

        var result = await _client.PurgeInstanceAsync(runId, cancellation: cancellationToken).ConfigureAwait(false);
        return ApiResponse.Ok(new { id = runId, purged = result.PurgedInstanceCount });
    }

    /// <summary><c>POST /runs/{id}/raiseEvent/{eventName}</c>: Durable's send-event route for hosts without its webhooks.</summary>
    public async Task<ApiResponse> RaiseEventAsync(ApiRequest request, string runId, string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(runId) is { } bad)
        {
            return bad;
        }

        if (string.IsNullOrWhiteSpace(eventName) || eventName.Length > 100 || !eventName.All(char.IsAsciiLetterOrDigit))
        {
            return ApiResponse.Error(400, "An event name is 1 to 100 ASCII letters and digits.", [new ApiErrorDetail("eventName", eventName, "ASCII letters and digits")]);
        }

        byte[] bytes;
        try
        {
            bytes = await LimitedBody.ReadAsync(request.Body, request.ContentLength, _limits.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestTooLargeException e)
        {
            return ApiResponse.Error(413, e.Message);
        }

        var payload = ParseJson(bytes.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(bytes));
        var instance = await _client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return NoSuchRun(runId);
        }

        if (IsFinished(instance.RuntimeStatus))
        {
            return ApiResponse.Error(409, $"Run '{runId}' has already ended ({StatusText(instance.RuntimeStatus)}).");
        }

        await _client.RaiseEventAsync(runId, eventName, payload, cancellationToken).ConfigureAwait(false);
        return new ApiResponse(202, null);
    }

    internal static string StatusText(OrchestrationRuntimeStatus status)
    {
        var name = status.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static bool IsFinished(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    private static ApiErrorDetail ToDetail(OptionError error) =>
        new(error.Name, error.Value, error.Message, char.ToLowerInvariant(error.Source.ToString()[0]) + error.Source.ToString()[1..]);

    private static RunLinks LinksFor(ApiRequest request, string runId)
    {
        if (request.Links is { } host)
        {
            // The host's links (Durable's webhooks) with our own run route added, and terminate
            // pointing at our cancel: Durable's terminate would end the run but leave its trainer running.
            var run = RunLinks.RunUriOf(request.BaseUri, runId);
            return host(runId) with { RunUri = run, TerminatePostUri = run + "/cancel" };
        }

        return RunLinks.ForApi(request.BaseUri, runId);
    }

    private static ApiResponse? BadRunId(string runId) =>
        RunIds.Problem(runId) is { } problem ? ApiResponse.Error(400, $"'{runId}' is not a run id: {problem}.", [new ApiErrorDetail("id", runId, problem)]) : null;

    private static ApiResponse NoSuchRun(string runId) => ApiResponse.Error(404, $"There is no run '{runId}'. GET runs lists the recent ones.");

    private static JsonElement? ParseJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // A custom status that is not JSON is still worth showing.
            return JsonSerializer.SerializeToElement(json);
        }
    }

    /// <summary>A property of a JSON object, matched without case; null when absent or null.</summary>
    private static JsonElement? Property(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } obj)
        {
            return null;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                return property.Value;
            }
        }

        return null;
    }

    /// <summary>A string property of a JSON object, matched without case (the data converter's naming may differ from ours).</summary>
    private static string? StringProperty(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } obj)
        {
            return null;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }
}
