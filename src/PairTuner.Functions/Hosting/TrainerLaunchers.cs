using Azure.Identity;
using Microsoft.Extensions.Configuration;
using PairTuner.Functions.Storage;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Launchers.ContainerApps;
using PairTuner.Workflow.Launchers.Process;
using PairTuner.Workflow.Storage;

namespace PairTuner.Functions.Hosting;

/// <summary>
/// The trainer launcher the app setting <c>PairTuner:Trainer:Launcher</c> names:
/// <c>ContainerAppsJob</c> (Azure, the default; <c>PairTuner:ContainerAppsJob:*</c> say which job)
/// or <c>Process</c> (Core Tools on a laptop: <c>PairTuner:Trainer:Command</c> is the path of
/// <c>pairtuner</c> or <c>pairtuner.dll</c>, run as a child process).
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
            var section = configuration.GetSection(ContainerAppsJobOptions.SectionName);
            var options = new ContainerAppsJobOptions
            {
                SubscriptionId = section["SubscriptionId"] ?? string.Empty,
                ResourceGroup = section["ResourceGroup"] ?? string.Empty,
                JobName = section["JobName"] ?? string.Empty,
                ContainerName = section["ContainerName"] is { Length: > 0 } container ? container : "trainer",
            };
            options.Validate();

            // AZURE_CLIENT_ID (set by infra) picks the app's user-assigned identity.
            return new ContainerAppsJobLauncher(http, new DefaultAzureCredential(), options);
        }

        if (kind.Equals("Process", StringComparison.OrdinalIgnoreCase))
        {
            var command = configuration[CommandSetting] is { Length: > 0 } path
                ? path
                : throw new InvalidOperationException($"{LauncherSetting} is Process but {CommandSetting} is not set: give the path of pairtuner (or pairtuner.dll).");
            var process = command.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? ProcessTrainerOptions.ForDll(command)
                : new ProcessTrainerOptions { FileName = command };
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            if (configuration[PairTunerStorage.ConnectionName] is { Length: > 0 } connection)
            {
                // The child trainer reads its job through the same storage.
                environment[StorageSettings.Variable] = connection;
            }

            return new ProcessTrainerLauncher(process with { Environment = environment });
        }

        throw new InvalidOperationException($"{LauncherSetting} is '{kind}': it must be ContainerAppsJob or Process.");
    }
}
