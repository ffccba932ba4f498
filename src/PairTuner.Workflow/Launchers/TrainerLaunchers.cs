using Azure.Identity;
using Microsoft.Extensions.Configuration;
using PairTuner.Workflow.Launchers.ContainerApps;
using PairTuner.Workflow.Launchers.Process;
using PairTuner.Workflow.Storage;

namespace PairTuner.Workflow.Launchers;

/// <summary>
/// The trainer launcher the app setting <c>PairTuner:Trainer:Launcher</c> names:
/// <c>ContainerAppsJob</c> (Azure, the default; <c>PairTuner:ContainerAppsJob:*</c> say which job)
/// or <c>Process</c> (Core Tools on a laptop: <c>PairTuner:Trainer:Command</c> is the path of
/// <c>pairtuner</c> or <c>pairtuner.dll</c>, run as a child process). A plain class over
/// <see cref="IConfiguration"/>, so the Functions app only wires it and tests call it directly.
/// </summary>
public static class TrainerLaunchers
{
    public const string LauncherSetting = "PairTuner:Trainer:Launcher";
    public const string CommandSetting = "PairTuner:Trainer:Command";

    public static ITrainerLauncher Create(IConfiguration configuration, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var kind = configuration[LauncherSetting] is { Length: > 0 } value ? value : "ContainerAppsJob";
        if (kind.Equals("ContainerAppsJob", StringComparison.OrdinalIgnoreCase))
        {
            // AZURE_CLIENT_ID (set by infra) picks the app's user-assigned identity.
            return new ContainerAppsJobLauncher(http, new DefaultAzureCredential(), ContainerAppsJob(configuration));
        }

        if (kind.Equals("Process", StringComparison.OrdinalIgnoreCase))
        {
            return new ProcessTrainerLauncher(Process(configuration));
        }

        throw new InvalidOperationException($"{LauncherSetting} is '{kind}': it must be ContainerAppsJob or Process.");
    }

    /// <summary>Which Container Apps job runs the trainer, from <c>PairTuner:ContainerAppsJob:*</c>; throws naming every missing setting.</summary>
    public static ContainerAppsJobOptions ContainerAppsJob(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ContainerAppsJobOptions.SectionName);
        var options = new ContainerAppsJobOptions
        {
            SubscriptionId = section["SubscriptionId"] ?? string.Empty,
            ResourceGroup = section["ResourceGroup"] ?? string.Empty,
            JobName = section["JobName"] ?? string.Empty,
            ContainerName = section["ContainerName"] is { Length: > 0 } container ? container : "trainer",
        };
        options.Validate();
        return options;
    }

    /// <summary>How to start <c>pairtuner</c> as a child process, from <c>PairTuner:Trainer:Command</c>.</summary>
    public static ProcessTrainerOptions Process(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var command = configuration[CommandSetting] is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException($"{LauncherSetting} is Process but {CommandSetting} is not set: give the path of pairtuner (or pairtuner.dll).");
        var process = command.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? ProcessTrainerOptions.ForDll(command)
            : new ProcessTrainerOptions { FileName = command };

        // The child trainer reads its job through the same storage, by the same rules.
        return process with { Environment = StorageSettings.FromConfiguration(configuration).ToVariables() };
    }
}
