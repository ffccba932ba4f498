using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;

namespace PairTuner.Workflow.Launchers.ContainerApps;

/// <summary>
/// Runs the trainer as an execution of a manually triggered Container Apps job: start with the
/// run's job path as args and environment overrides, read the execution's status, stop it on cancel.
/// </summary>
public sealed class ContainerAppsJobLauncher : ITrainerLauncher
{
    public const string LauncherName = "containerapps";

    private readonly ContainerAppsJobOptions _options;
    private readonly ResourceManagerClient _arm;

    public ContainerAppsJobLauncher(HttpClient http, TokenCredential credential, ContainerAppsJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _arm = new ResourceManagerClient(http, credential, options);
    }

    public async Task<TrainerExecution> LaunchAsync(TrainerLaunchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string operation = "start the trainer";

        // The start body replaces the template's containers, so begin from the job's own container
        // (image as azd deployed it, resources, env) and add only what this run needs.
        var job = await _arm.SendAsync(HttpMethod.Get, _arm.Url(_options.JobPath), null, "read the trainer job", cancellationToken).ConfigureAwait(false);
        var container = FindContainer(JsonNode.Parse(job.Body));
        var env = container["env"] as JsonArray ?? [];
        SetEnv(env, "PAIRTUNER_JOB", request.JobPath);
        SetEnv(env, "PAIRTUNER_RUN_ID", request.RunId);
        SetEnv(env, "PAIRTUNER_ATTEMPT", request.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var start = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = _options.ContainerName,
                ["image"] = container["image"]?.DeepClone(),
                ["resources"] = container["resources"]?.DeepClone(),
                ["args"] = new JsonArray("--job", request.JobPath),
                ["env"] = env.DeepClone(),
            }),
        };

        var response = await _arm.SendAsync(HttpMethod.Post, _arm.Url(_options.JobPath + "/start"), start, operation, cancellationToken).ConfigureAwait(false);
        var name = ExecutionName(response.Body)
            ?? await WaitForExecutionNameAsync(response, operation, cancellationToken).ConfigureAwait(false);
        return new TrainerExecution(LauncherName, name, request.Attempt);
    }

    public async Task<TrainerExecutionState> GetStateAsync(TrainerExecution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var response = await _arm.SendAsync(HttpMethod.Get, _arm.Url(ExecutionPath(execution)), null, "read the trainer's state", cancellationToken, allowNotFound: true).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return new TrainerExecutionState(TrainerExecutionStatus.Unknown, $"Execution '{execution.ExecutionId}' of job '{_options.JobName}' no longer exists (Container Apps keeps a limited execution history).");
        }

        var status = (string?)JsonNode.Parse(response.Body)?["properties"]?["status"];
        return status switch
        {
            "Running" => new TrainerExecutionState(TrainerExecutionStatus.Running),
            "Processing" => new TrainerExecutionState(TrainerExecutionStatus.Pending),
            "Succeeded" => new TrainerExecutionState(TrainerExecutionStatus.Succeeded),
            "Stopped" => new TrainerExecutionState(TrainerExecutionStatus.Stopped, "The trainer execution was stopped."),
            "Failed" => new TrainerExecutionState(TrainerExecutionStatus.Failed, $"The trainer execution '{execution.ExecutionId}' failed: see its console logs in Log Analytics (ContainerAppConsoleLogs_CL, job '{_options.JobName}')."),
            "Degraded" => new TrainerExecutionState(TrainerExecutionStatus.Failed, $"The trainer execution '{execution.ExecutionId}' is degraded: its replica could not run (image pull, GPU capacity or quota)."),
            _ => new TrainerExecutionState(TrainerExecutionStatus.Unknown, $"Container Apps reports status '{status ?? "(none)"}' for execution '{execution.ExecutionId}'."),
        };
    }

    public async Task StopAsync(TrainerExecution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        // 404: the execution is already gone, which is what stopping wants.
        await _arm.SendAsync(HttpMethod.Post, _arm.Url(ExecutionPath(execution) + "/stop"), null, "stop the trainer", cancellationToken, allowNotFound: true).ConfigureAwait(false);
    }

    private string ExecutionPath(TrainerExecution execution) =>
        $"{_options.JobPath}/executions/{Uri.EscapeDataString(execution.ExecutionId)}";

    private JsonObject FindContainer(JsonNode? job)
    {
        var containers = job?["properties"]?["template"]?["containers"] as JsonArray;
        var container = containers?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["name"] == _options.ContainerName);
        return container ?? throw new ResourceManagerException(
            $"The Container Apps job '{_options.JobName}' has no container named '{_options.ContainerName}'. Set PairTuner__ContainerAppsJob__ContainerName to the trainer container's name.");
    }

    private static void SetEnv(JsonArray env, string name, string value)
    {
        foreach (var item in env.OfType<JsonObject>().Where(e => (string?)e["name"] == name).ToList())
        {
            env.Remove(item);
        }

        env.Add(new JsonObject { ["name"] = name, ["value"] = value });
    }

    private static string? ExecutionName(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var node = JsonNode.Parse(body);
        return (string?)node?["name"] ?? (string?)node?["properties"]?["name"];
    }

    /// <summary>A 202 without the execution in its body: poll its Location until the operation yields it.</summary>
    private async Task<string> WaitForExecutionNameAsync(ResourceManagerResponse accepted, string operation, CancellationToken cancellationToken)
    {
        var location = accepted.Location ?? throw new ResourceManagerException(
            $"Could not {operation}: Azure accepted the start but returned neither the execution nor a Location to follow.");
        var delay = accepted.RetryAfter ?? _options.OperationPollInterval;
        var deadline = DateTimeOffset.UtcNow + _options.OperationTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            var poll = await _arm.SendAsync(HttpMethod.Get, location, null, operation, cancellationToken).ConfigureAwait(false);
            if (poll.Status != HttpStatusCode.Accepted && ExecutionName(poll.Body) is { } name)
            {
                return name;
            }

            location = poll.Location ?? location;
            delay = poll.RetryAfter ?? _options.OperationPollInterval;
        }

        throw new ResourceManagerException($"Could not {operation}: the start operation did not finish within {_options.OperationTimeout.TotalMinutes:0} minutes.");
    }
}
