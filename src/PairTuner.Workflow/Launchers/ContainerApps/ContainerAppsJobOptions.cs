namespace PairTuner.Workflow.Launchers.ContainerApps;

/// <summary>
/// Which Container Apps job runs the trainer, and how to reach Azure Resource Manager. Bound from
/// the <c>PairTuner:ContainerAppsJob</c> configuration section (app settings
/// <c>PairTuner__ContainerAppsJob__*</c>, set by infra/main.bicep).
/// </summary>
public sealed record ContainerAppsJobOptions
{
    public const string SectionName = "PairTuner:ContainerAppsJob";

    /// <summary>The stable Microsoft.App api-version this launcher speaks.</summary>
    public const string DefaultApiVersion = "2026-01-01";

    public required string SubscriptionId { get; init; }
    public required string ResourceGroup { get; init; }
    public required string JobName { get; init; }

    /// <summary>The trainer container in the job's template; its image and resources are kept, its args and env extended.</summary>
    public string ContainerName { get; init; } = "trainer";

    public Uri ResourceManagerEndpoint { get; init; } = new("https://management.azure.com/");
    public string ApiVersion { get; init; } = DefaultApiVersion;

    /// <summary>Attempts per request when ARM answers 429 or 5xx (or the connection fails); for a start, attempts that got no clear answer.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Cap on one wait, whatever Retry-After says.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait between reads of the executions list while looking for a just-started execution.</summary>
    public TimeSpan OperationPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Give up on an accepted start (202) that has not produced an execution after this long.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After a start that got no clear answer (timeout, dropped connection, 5xx), how long to look
    /// for its execution in the list before sending the start again.
    /// </summary>
    public TimeSpan StartSettleTime { get; init; } = TimeSpan.FromSeconds(30);

    internal string JobPath =>
        $"subscriptions/{Uri.EscapeDataString(SubscriptionId)}/resourceGroups/{Uri.EscapeDataString(ResourceGroup)}/providers/Microsoft.App/jobs/{Uri.EscapeDataString(JobName)}";

    /// <summary>Every missing value named in one message.</summary>
    public void Validate()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(SubscriptionId)) missing.Add(nameof(SubscriptionId));
        if (string.IsNullOrWhiteSpace(ResourceGroup)) missing.Add(nameof(ResourceGroup));
        if (string.IsNullOrWhiteSpace(JobName)) missing.Add(nameof(JobName));
        if (string.IsNullOrWhiteSpace(ContainerName)) missing.Add(nameof(ContainerName));
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "The Container Apps trainer launcher is not configured: set " +
                string.Join(", ", missing.Select(m => $"PairTuner__ContainerAppsJob__{m}")) +
                " (azd sets them from infra/main.bicep).");
        }

        if (MaxAttempts < 1)
        {
            throw new InvalidOperationException("PairTuner__ContainerAppsJob__MaxAttempts must be at least 1.");
        }
    }
}
