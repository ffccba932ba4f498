using System.Text.Json.Nodes;
using PairTuner.Deployment.Tests.Arm;
using PairTuner.Tests;

namespace PairTuner.Deployment.Tests.Infra;

/// <summary>
/// PAIRTUNER_TRAINER_GPU is the one setting for the trainer's hardware: in the ARM JSON that
/// `bicep build` compiles, each choice must give a workload profile, a torch backend for the image
/// and a default device that agree.
/// </summary>
public class TrainerHardwareTests
{
    [Theory]
    [InlineData("T4", "Consumption-GPU-NC8as-T4", "cuda")]
    [InlineData("A100", "Consumption-GPU-NC24-A100", "cuda")]
    [InlineData("none", "Consumption", "cpu")]
    public void One_gpu_choice_sets_the_profile_the_image_backend_and_the_default_device(string gpu, string profileType, string device)
    {
        var main = Compiled(gpu);

        var profiles = main.ModuleParameter("container-apps-environment", "workloadProfiles")!.AsArray();
        var jobProfile = (string?)main.ModuleParameter("trainer-job", "workloadProfileName");
        var profile = Assert.Single(profiles, p => (string?)p!["name"] == jobProfile)!;
        Assert.Equal(profileType, (string?)profile["workloadProfileType"]);
        // Container Apps needs the Consumption profile in every workload-profiles environment.
        Assert.Contains(profiles, p => (string?)p!["workloadProfileType"] == "Consumption");
        Assert.Equal(gpu == "none" ? 1 : 2, profiles.Count);

        Assert.Equal(device, (string?)main.ModuleParameter("function-app", "appSettings", "PairTuner__Defaults__device"));
        // The Dockerfile's TORCH_BACKEND names a libtorch build; cuda and cpu are also the device names.
        Assert.Equal(device, (string?)main.Output("TRAINER_TORCH_BACKEND"));
    }

    [Theory]
    [InlineData("T4")]
    [InlineData("none")]
    public void The_modules_put_the_chosen_profiles_on_the_environment_and_the_job(string gpu)
    {
        var main = Compiled(gpu);

        var environment = main.ModuleTemplate("container-apps-environment", "workloadProfiles");
        var managed = environment.Resources().Single(r => (string?)r["type"] == "Microsoft.App/managedEnvironments");
        Assert.True(JsonNode.DeepEquals(
            main.ModuleParameter("container-apps-environment", "workloadProfiles"),
            environment.Evaluate(managed["properties"]!["workloadProfiles"])));

        var job = main.ModuleTemplate("trainer-job", "workloadProfileName", "image");
        var resource = job.Resources().Single(r => (string?)r["type"] == "Microsoft.App/jobs");
        Assert.Equal((string?)main.ModuleParameter("trainer-job", "workloadProfileName"), (string?)job.Evaluate(resource["properties"]!["workloadProfileName"]));
        Assert.Equal((string?)main.ModuleParameter("trainer-job", "image"), (string?)job.Evaluate(resource["properties"]!["template"]!["containers"]![0]!["image"]));
    }

    [Fact]
    public void Azure_yaml_builds_the_image_with_the_backend_infra_derives_and_no_second_setting_exists()
    {
        var azureYaml = File.ReadAllText(RepositoryLayout.File("azure.yaml"));
        Assert.Contains("TORCH_BACKEND=${TRAINER_TORCH_BACKEND}", azureYaml);

        var deployment = new[] { "azure.yaml", "Dockerfile" }.Select(f => RepositoryLayout.File(f))
            .Concat(Directory.EnumerateFiles(RepositoryLayout.File("infra"), "*", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(RepositoryLayout.File("scripts"), "*", SearchOption.AllDirectories));
        Assert.All(deployment, file => Assert.DoesNotContain("PAIRTUNER_TORCH_BACKEND", File.ReadAllText(file)));
    }

    [Theory]
    [InlineData("", "mcr.microsoft.com/k8se/quickstart-jobs:latest")]
    [InlineData("crabc.azurecr.io/pairtuner/trainer-dev:azd-deploy-1764480000", "crabc.azurecr.io/pairtuner/trainer-dev:azd-deploy-1764480000")]
    public void Provisioning_keeps_the_image_azd_deployed_and_uses_a_placeholder_only_before_the_first_deploy(string deployed, string expected)
    {
        Assert.Equal(expected, (string?)Compiled("T4", deployed).ModuleParameter("trainer-job", "image"));

        // azd writes SERVICE_TRAINER_IMAGE_NAME after each deploy and substitutes it here on provision.
        var parameters = JsonNode.Parse(File.ReadAllText(RepositoryLayout.File("infra", "main.parameters.json")))!["parameters"]!;
        Assert.Equal("${SERVICE_TRAINER_IMAGE_NAME}", (string?)parameters["trainerImage"]!["value"]);
        Assert.Equal("${PAIRTUNER_TRAINER_GPU=T4}", (string?)parameters["trainerGpu"]!["value"]);
    }

    [Fact]
    public void Every_parameter_without_a_default_comes_from_main_parameters_json()
    {
        var declared = BicepCli.MainTemplate["parameters"]!.AsObject();
        var given = JsonNode.Parse(File.ReadAllText(RepositoryLayout.File("infra", "main.parameters.json")))!["parameters"]!.AsObject();
        foreach (var (name, parameter) in declared)
        {
            if (parameter!["defaultValue"] is null)
            {
                Assert.True(given.ContainsKey(name), $"main.bicep parameter '{name}' has no default and main.parameters.json does not set it");
            }
        }

        Assert.All(given, p => Assert.True(declared.ContainsKey(p.Key), $"main.parameters.json sets '{p.Key}', which main.bicep does not declare"));
    }

    private static ArmTemplate Compiled(string gpu, string image = "") =>
        new(BicepCli.MainTemplate, new Dictionary<string, JsonNode?> { ["trainerGpu"] = gpu, ["trainerImage"] = image });
}
