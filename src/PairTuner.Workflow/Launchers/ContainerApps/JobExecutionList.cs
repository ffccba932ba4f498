using System.Text.Json.Nodes;

namespace PairTuner.Workflow.Launchers.ContainerApps;

/// <summary>
/// The job's execution history (<c>GET .../jobs/{name}/executions</c>, paged by <c>nextLink</c>),
/// searched for the execution a run's attempt started.
/// </summary>
internal sealed class JobExecutionList(ResourceManagerClient arm, ContainerAppsJobOptions options)
{
    /// <summary>Pages read at most; Container Apps keeps a bounded history, so this is a guard, not a limit in practice.</summary>
    private const int MaxPages = 20;

    /// <summary>The name of the execution carrying <paramref name="marker"/>, or null when there is none (yet).</summary>
    public async Task<string?> FindAsync(ExecutionMarker marker, CancellationToken cancellationToken)
    {
        Uri? page = arm.Url(options.JobPath + "/executions");
        for (var read = 0; page is not null && read < MaxPages; read++)
        {
            var response = await arm.SendAsync(HttpMethod.Get, page, null, "list the trainer's executions", cancellationToken).ConfigureAwait(false);
            var body = JsonNode.Parse(response.Body);
            var found = (body?["value"] as JsonArray)?.FirstOrDefault(marker.IsOn);
            if (found is not null)
            {
                return (string?)found["name"];
            }

            page = (string?)body?["nextLink"] is { Length: > 0 } next ? new Uri(next) : null;
        }

        return null;
    }

    /// <summary>Looks for the execution until it appears or <paramref name="within"/> has passed, reading every poll interval.</summary>
    public async Task<string?> AwaitAsync(ExecutionMarker marker, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            if (await FindAsync(marker, cancellationToken).ConfigureAwait(false) is { } name)
            {
                return name;
            }

            if (DateTimeOffset.UtcNow + options.OperationPollInterval > deadline)
            {
                return null;
            }

            await Task.Delay(options.OperationPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
