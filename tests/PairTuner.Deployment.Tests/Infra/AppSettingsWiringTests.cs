using System.Text.RegularExpressions;
using PairTuner.Contracts.Options;
using PairTuner.Tests;
using PairTuner.Workflow.Launchers.ContainerApps;

namespace PairTuner.Deployment.Tests.Infra;

/// <summary>The names infra/ and the hooks use must be names the code reads: a typo here fails in Azure only.</summary>
public class AppSettingsWiringTests
{
    private static readonly string MainBicep = File.ReadAllText(RepositoryLayout.File("infra", "main.bicep"));

    [Fact]
    public void Launcher_settings_in_main_bicep_are_options_the_launcher_binds()
    {
        var keys = Regex.Matches(MainBicep, @"PairTuner__ContainerAppsJob__(\w+)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(keys);
        var properties = typeof(ContainerAppsJobOptions).GetProperties().Select(p => p.Name).ToHashSet();
        Assert.All(keys, key => Assert.Contains(key, properties));
        Assert.Equal("PairTuner:ContainerAppsJob", ContainerAppsJobOptions.SectionName);
    }

    [Fact]
    public void Run_defaults_in_main_bicep_are_run_options()
    {
        var settings = Regex.Matches(MainBicep, @"(PairTuner__Defaults__\w+):").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("PairTuner__Defaults__device", settings);
        var known = RunOptionCatalog.All.Select(o => o.EnvironmentVariable).ToHashSet(StringComparer.Ordinal);
        Assert.All(settings, setting => Assert.Contains(setting, known));
    }

    [Fact]
    public void Functions_switched_off_or_subscribed_by_infra_exist_in_the_functions_app()
    {
        var source = string.Join('\n', Directory.EnumerateFiles(RepositoryLayout.File("src", "PairTuner.Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal)).Select(File.ReadAllText));
        var names = Regex.Matches(MainBicep, @"'AzureWebJobs\.(\w+)\.Disabled'").Select(m => m.Groups[1].Value)
            .Concat(Regex.Matches(File.ReadAllText(RepositoryLayout.File("scripts", "post-deploy.sh")), "function_name=\"(\\w+)\"").Select(m => m.Groups[1].Value))
            .Distinct().ToList();

        Assert.Contains("PairsUploadedEventGrid", names);
        Assert.All(names, name => Assert.Contains($"\"{name}\"", source));
        // `pairtuner blob-event` posts to the same function locally.
        var cli = File.ReadAllText(RepositoryLayout.File("src", "PairTuner.Cli", "Commands", "BlobEventCommand.cs"));
        Assert.Contains("EventGridFunction = \"PairsUploadedEventGrid\"", cli);
        // The polling trigger is left out of the package Flex Consumption runs, not switched off there.
        Assert.DoesNotContain("PairsUploadedPolling", MainBicep);
    }

    [Fact]
    public void Storage_connection_in_infra_is_the_one_the_blob_triggers_use()
    {
        var source = File.ReadAllText(RepositoryLayout.File("src", "PairTuner.Workflow", "Storage", "StorageSettings.cs"));
        var connection = Regex.Match(source, "Variable = \"(\\w+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(connection));
        Assert.Contains($"{connection}__blobServiceUri", MainBicep);
        Assert.Contains($"{connection}__blobServiceUri", File.ReadAllText(RepositoryLayout.File("infra", "core", "host", "container-apps-job.bicep")));
    }
}
