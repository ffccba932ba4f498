using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;

namespace PairTuner.Workflow.Launchers.ContainerApps;

/// <summary>
/// Runs the trainer as an execution of a manually triggered Container Apps job: start with the
/// run's job path as args and environment overrides, read the execution's status, stop it on cancel.
/// </summary>
/// <remarks>
/// Launching is idempotent per run and attempt: each execution carries both in its environment
/// (<see cref="ExecutionMarker"/>), and before any start the launcher looks for one already carrying
/// them. A start that got no clear answer is never blindly repeated. Every request stays on the job's
/// own resource path, the scope its role is assigned on (infra/core/security/trainer-job-roles.bicep).
/// </remarks>
public sealed class ContainerAppsJobLauncher : ITrainerLauncher
{
    public const string LauncherName = "containerapps";

    private const string StartOperation = "start the trainer";

    private readonly ContainerAppsJobOptions _options;
    private readonly ResourceManagerClient _arm;
    private readonly JobExecutionList _executions;

    public ContainerAppsJobLauncher(HttpClient http, TokenCredential credential, ContainerAppsJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _arm = new ResourceManagerClient(http, credential, options);
        _executions = new JobExecutionList(_arm, options);
    }

    public async Task<TrainerExecution> LaunchAsync(TrainerLaunchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var marker = new ExecutionMarker(request.RunId, request.Attempt);

        // The activity may run again after its host died or its retry policy fired, once Azure had
        // already started this attempt: adopt that execution rather than start a second GPU.
        if (await _executions.FindAsync(marker, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new TrainerExecution(LauncherName, existing, request.Attempt);
        }

        var start = await StartBodyAsync(request, marker, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            ResourceManagerResponse response;
            try
            {
                response = await _arm.SendAsync(HttpMethod.Post, _arm.Url(_options.JobPath + "/start"), start, StartOperation, cancellationToken, idempotent: false).ConfigureAwait(false);
            }
            catch (ResourceManagerException e) when (e.OutcomeUnknown)
            {
                // Timeout, dropped answer or 5xx: the start may have happened. Look before asking again.
                if (await _executions.AwaitAsync(marker, _options.StartSettleTime, cancellationToken).ConfigureAwait(false) is { } adopted)
                {
                    return new TrainerExecution(LauncherName, adopted, request.Attempt);
                }

                if (attempt >= _options.MaxAttempts)
                {
                    throw new ResourceManagerException(
                        $"Could not {StartOperation}: {attempt} starts got no clear answer and no execution of run '{request.RunId}' attempt {request.Attempt} appeared. {e.Message}",
                        e.StatusCode, e.ErrorCode, e);
                }

                await Task.Delay(_arm.Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var name = ExecutionName(response.Body)
                ?? await _executions.AwaitAsync(marker, _options.OperationTimeout, cancellationToken).ConfigureAwait(false)
                ?? throw new ResourceManagerException(
                    $"Could not {StartOperation}: Azure accepted the start, but no execution of run '{request.RunId}' attempt {request.Attempt} appeared within {_options.OperationTimeout.TotalMinutes:0.#} minutes.");
            return new TrainerExecution(LauncherName, name, request.Attempt);
        }
    }

    /// <summary>
    /// The start body replaces the template's containers, so it begins from the job's own container
    /// (image as azd deployed it, resources, env) and adds only what this run needs.
    /// </summary>
    private async Task<JsonObject> StartBodyAsync(TrainerLaunchRequest request, ExecutionMarker marker, CancellationToken cancellationToken)
    {
        var job = await _arm.SendAsync(HttpMethod.Get, _arm.Url(_options.JobPath), null, "read the trainer job", cancellationToken).ConfigureAwait(false);
        var container = FindContainer(JsonNode.Parse(job.Body));
        var env = container["env"] as JsonArray ?? [];
        ContainerEnv.Set(env, "PAIRTUNER_JOB", request.JobPath);
        marker.WriteTo(env);
        return new JsonObject
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
            "Failed" => new TrainerExecutionState(TrainerExecutionStatus.Failed, $"The trainer execution '{execution.ExecutionId}' failed: see its console logs in Log Analytics (ContainerAppConsoleLogs | where ContainerGroupName startswith '{execution.ExecutionId}')."),
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

    private static string? ExecutionName(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var node = JsonNode.Parse(body);
        return (string?)node?["name"] ?? (string?)node?["properties"]?["name"];
    }
}
