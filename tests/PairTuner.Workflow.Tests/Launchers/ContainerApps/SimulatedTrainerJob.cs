using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace PairTuner.Workflow.Tests.Launchers.ContainerApps;

/// <summary>
/// One manually triggered Container Apps job as Azure Resource Manager serves it (api-version
/// 2026-01-01 shapes): the job, its paged execution history, start, one execution, stop. Served by
/// <see cref="LoopbackResourceManager"/>; <see cref="OnStart"/> scripts how each start is answered,
/// including starts Azure carries out but whose answer is lost.
/// </summary>
internal sealed class SimulatedTrainerJob
{
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000001";
    public const string ResourceGroup = "rg-pairtuner";
    public const string JobName = "caj-trainer";
    public const string JobPath = $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.App/jobs/{JobName}";
    public const string Image = "crabc.azurecr.io/pairtuner/trainer-dev:azd-deploy-1764480000";

    private readonly Lock _gate = new();
    private readonly List<JsonObject> _executions = [];
    private int _starts;

    /// <summary>How the n-th start (1-based) is answered; the default starts an execution and answers 200 with it.</summary>
    public Func<int, StartAnswer> OnStart { get; set; } = _ => StartAnswer.Ok;

    /// <summary>Executions per page of the list; the rest follow through <c>nextLink</c>.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The server's address, for absolute <c>nextLink</c>s (set once the server runs).</summary>
    public Uri BaseUri { get; set; } = new("http://127.0.0.1/");

    public string JobBody { get; } = $$"""
        {
          "id": "{{JobPath}}",
          "name": "{{JobName}}",
          "type": "Microsoft.App/jobs",
          "properties": {
            "provisioningState": "Succeeded",
            "configuration": { "triggerType": "Manual", "replicaTimeout": 86400, "replicaRetryLimit": 0 },
            "template": {
              "containers": [
                {
                  "name": "trainer",
                  "image": "{{Image}}",
                  "resources": { "cpu": 8, "memory": "56Gi" },
                  "env": [
                    { "name": "PAIRTUNER_STORAGE__blobServiceUri", "value": "https://stabc.blob.core.windows.net/" },
                    { "name": "PAIRTUNER_JOB", "value": "stale" }
                  ]
                }
              ]
            }
          }
        }
        """;

    public IReadOnlyList<JsonObject> Executions
    {
        get
        {
            lock (_gate)
            {
                return _executions.Select(e => (JsonObject)e.DeepClone()).ToList();
            }
        }
    }

    /// <summary>An execution started earlier (another run, or this run's earlier attempt), with its own env.</summary>
    public string AddExecution(string runId, int attempt, string status = "Succeeded")
    {
        var body = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "trainer",
                ["image"] = Image,
                ["env"] = new JsonArray(
                    new JsonObject { ["name"] = "PAIRTUNER_RUN_ID", ["value"] = runId },
                    new JsonObject { ["name"] = "PAIRTUNER_ATTEMPT", ["value"] = attempt.ToString(CultureInfo.InvariantCulture) }),
            }),
        };
        return Create(body, status);
    }

    public ArmAnswer Answer(RecordedRequest request)
    {
        const string executions = JobPath + "/executions";
        return (request.Method, request.Path) switch
        {
            ("GET", JobPath) => new ArmAnswer(HttpStatusCode.OK, JobBody),
            ("GET", executions) => ListPage(request.SkipToken),
            ("POST", JobPath + "/start") => Start(request.Body),
            ("GET", var path) when path.StartsWith(executions + "/", StringComparison.Ordinal) => Get(path[(executions.Length + 1)..]),
            ("POST", var path) when path.StartsWith(executions + "/", StringComparison.Ordinal) && path.EndsWith("/stop", StringComparison.Ordinal) =>
                Stop(path[(executions.Length + 1)..^"/stop".Length]),
            _ => ArmAnswer.Error(HttpStatusCode.BadRequest, "UnexpectedRequest", $"{request.Method} {request.Path}"),
        };
    }

    private ArmAnswer Start(string body)
    {
        var outcome = OnStart(Interlocked.Increment(ref _starts));
        if (outcome.Throttled)
        {
            return ArmAnswer.Error(HttpStatusCode.TooManyRequests, "TooManyRequests", "Throttled", ("Retry-After", "0"));
        }

        string? name = outcome.Creates ? Create(JsonNode.Parse(body)!.AsObject(), "Running") : null;
        if (outcome.Dropped)
        {
            return ArmAnswer.Drop;
        }

        if (outcome.Status is { } failure)
        {
            return ArmAnswer.Error(failure, failure.ToString(), "The start failed.", ("Retry-After", "0"));
        }

        return outcome.Accepted
            ? new ArmAnswer(HttpStatusCode.Accepted, null, ("Location", "/subscriptions/" + SubscriptionId + "/providers/Microsoft.App/locations/westus3/containerappsjobOperationResults/op-1"), ("Retry-After", "0"))
            : new ArmAnswer(HttpStatusCode.OK, $$"""{"id":"{{JobPath}}/executions/{{name}}","name":"{{name}}"}""");
    }

    private string Create(JsonObject template, string status)
    {
        lock (_gate)
        {
            var name = $"{JobName}-{_executions.Count + 1:D5}x";
            _executions.Add(new JsonObject
            {
                ["id"] = $"{JobPath}/executions/{name}",
                ["name"] = name,
                ["type"] = "Microsoft.App/jobs/executions",
                ["properties"] = new JsonObject
                {
                    ["status"] = status,
                    ["startTime"] = "2026-11-30T05:00:00Z",
                    ["template"] = new JsonObject { ["containers"] = template["containers"]?.DeepClone() },
                },
            });
            return name;
        }
    }

    private ArmAnswer ListPage(string? skipToken)
    {
        lock (_gate)
        {
            var skip = skipToken is null ? 0 : int.Parse(skipToken, CultureInfo.InvariantCulture);
            var page = new JsonArray(_executions.Skip(skip).Take(PageSize).Select(e => (JsonNode)e.DeepClone()).ToArray());
            var body = new JsonObject { ["value"] = page };
            if (skip + PageSize < _executions.Count)
            {
                body["nextLink"] = new Uri(BaseUri, $"{JobPath.TrimStart('/')}/executions?api-version=2026-01-01&$skipToken={skip + PageSize}").ToString();
            }

            return new ArmAnswer(HttpStatusCode.OK, body.ToJsonString());
        }
    }

    private ArmAnswer Get(string name)
    {
        lock (_gate)
        {
            var execution = _executions.FirstOrDefault(e => (string?)e["name"] == name);
            return execution is null
                ? ArmAnswer.Error(HttpStatusCode.NotFound, "ResourceNotFound", $"Execution '{name}' was not found.")
                : new ArmAnswer(HttpStatusCode.OK, execution.ToJsonString());
        }
    }

    private ArmAnswer Stop(string name)
    {
        lock (_gate)
        {
            var execution = _executions.FirstOrDefault(e => (string?)e["name"] == name);
            if (execution is null)
            {
                return ArmAnswer.Error(HttpStatusCode.NotFound, "ResourceNotFound", $"Execution '{name}' was not found.");
            }

            execution["properties"]!["status"] = "Stopped";
            return new ArmAnswer(HttpStatusCode.OK, execution.ToJsonString());
        }
    }
}
