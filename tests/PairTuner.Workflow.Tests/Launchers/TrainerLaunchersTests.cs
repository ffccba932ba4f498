using Microsoft.Extensions.Configuration;
using PairTuner.Workflow.Launchers;
using PairTuner.Workflow.Launchers.ContainerApps;
using PairTuner.Workflow.Launchers.Process;

namespace PairTuner.Workflow.Tests.Launchers;

public class TrainerLaunchersTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Container_apps_is_the_default_and_names_every_missing_setting()
    {
        using var http = new HttpClient();

        var error = Assert.Throws<InvalidOperationException>(() => TrainerLaunchers.Create(Settings(("PairTuner:ContainerAppsJob:JobName", "trainer-job")), http));

        Assert.Contains("PairTuner__ContainerAppsJob__SubscriptionId", error.Message, StringComparison.Ordinal);
        Assert.Contains("PairTuner__ContainerAppsJob__ResourceGroup", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("JobName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Container_apps_settings_make_a_container_apps_launcher()
    {
        using var http = new HttpClient();

        var launcher = TrainerLaunchers.Create(
            Settings(("PairTuner:ContainerAppsJob:SubscriptionId", "00000000-0000-0000-0000-000000000000"), ("PairTuner:ContainerAppsJob:ResourceGroup", "rg"), ("PairTuner:ContainerAppsJob:JobName", "job")),
            http);

        Assert.IsType<ContainerAppsJobLauncher>(launcher);
    }

    [Fact]
    public void Process_launcher_needs_the_command()
    {
        using var http = new HttpClient();

        var missing = Assert.Throws<InvalidOperationException>(() => TrainerLaunchers.Create(Settings(("PairTuner:Trainer:Launcher", "Process")), http));
        var made = TrainerLaunchers.Create(Settings(("PairTuner:Trainer:Launcher", "process"), ("PairTuner:Trainer:Command", "/opt/pairtuner/pairtuner.dll")), http);

        Assert.Contains("PairTuner:Trainer:Command", missing.Message, StringComparison.Ordinal);
        using var launcher = Assert.IsType<ProcessTrainerLauncher>(made);
    }

    [Fact]
    public void Unknown_launcher_is_named()
    {
        using var http = new HttpClient();

        var error = Assert.Throws<InvalidOperationException>(() => TrainerLaunchers.Create(Settings(("PairTuner:Trainer:Launcher", "Kubernetes")), http));

        Assert.Contains("'Kubernetes'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ContainerAppsJob or Process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Container_apps_job_settings_are_read_with_the_trainer_container_by_default()
    {
        var options = TrainerLaunchers.ContainerAppsJob(
            Settings(("PairTuner:ContainerAppsJob:SubscriptionId", "sub"), ("PairTuner:ContainerAppsJob:ResourceGroup", "rg"), ("PairTuner:ContainerAppsJob:JobName", "job")));
        var named = TrainerLaunchers.ContainerAppsJob(
            Settings(("PairTuner:ContainerAppsJob:SubscriptionId", "sub"), ("PairTuner:ContainerAppsJob:ResourceGroup", "rg"), ("PairTuner:ContainerAppsJob:JobName", "job"), ("PairTuner:ContainerAppsJob:ContainerName", "main")));

        Assert.Equal(("sub", "rg", "job", "trainer"), (options.SubscriptionId, options.ResourceGroup, options.JobName, options.ContainerName));
        Assert.Equal("main", named.ContainerName);
    }

    [Fact]
    public void The_process_trainer_is_given_the_apps_storage_settings()
    {
        var connection = TrainerLaunchers.Process(Settings(("PairTuner:Trainer:Command", "/opt/pairtuner/pairtuner"), ("PAIRTUNER_STORAGE", "UseDevelopmentStorage=true")));
        var identity = TrainerLaunchers.Process(Settings(
            ("PairTuner:Trainer:Command", "/opt/pairtuner/pairtuner"),
            ("PAIRTUNER_STORAGE:blobServiceUri", "https://stpairtuner.blob.core.windows.net/"),
            ("PAIRTUNER_STORAGE:clientId", "1111")));
        var unset = TrainerLaunchers.Process(Settings(("PairTuner:Trainer:Command", "/opt/pairtuner/pairtuner")));

        Assert.Equal("/opt/pairtuner/pairtuner", connection.FileName);
        Assert.Equal("UseDevelopmentStorage=true", Assert.Single(connection.Environment, e => e.Key == "PAIRTUNER_STORAGE").Value);
        Assert.Equal("https://stpairtuner.blob.core.windows.net/", identity.Environment["PAIRTUNER_STORAGE__blobServiceUri"]);
        Assert.Equal("1111", identity.Environment["PAIRTUNER_STORAGE__clientId"]);
        Assert.Empty(unset.Environment);
    }
}
