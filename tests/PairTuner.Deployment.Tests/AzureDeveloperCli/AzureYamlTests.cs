using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PairTuner.Tests;
using YamlDotNet.Serialization;

namespace PairTuner.Deployment.Tests.AzureDeveloperCli;

public class AzureYamlTests
{
    private static readonly JsonNode AzureYaml = ReadYamlAsJson(RepositoryLayout.File("azure.yaml"));

    [Fact]
    public void Azure_yaml_is_valid_against_the_azd_schema()
    {
        var schema = LoadAzdSchema();
        var results = schema.Evaluate(JsonSerializer.SerializeToElement(AzureYaml), new EvaluationOptions { OutputFormat = OutputFormat.List });

        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .ToList();
        Assert.True(results.IsValid, "azure.yaml does not match azd's schema:\n" + string.Join('\n', errors));
    }

    [Fact]
    public void The_schema_check_rejects_what_azd_would_reject()
    {
        // Guards the test above: a misspelt docker option (azd would ignore it silently) must fail.
        var broken = AzureYaml.DeepClone();
        broken["services"]!["trainer"]!["docker"]!["buildArg"] = new JsonArray("TORCH_BACKEND=cpu");
        var results = LoadAzdSchema().Evaluate(JsonSerializer.SerializeToElement(broken));
        Assert.False(results.IsValid);
    }

    [Fact]
    public void Services_point_at_the_function_project_and_the_trainer_image()
    {
        var api = AzureYaml["services"]!["api"]!;
        Assert.Equal("function", (string?)api["host"]);
        Assert.True(File.Exists(Path.Combine(RepositoryLayout.Root, (string)api["project"]!, "PairTuner.Functions.csproj")));

        var trainer = AzureYaml["services"]!["trainer"]!;
        Assert.Equal("containerapp", (string?)trainer["host"]);
        var project = Path.Combine(RepositoryLayout.Root, (string)trainer["project"]!);
        Assert.True(File.Exists(Path.Combine(project, "PairTuner.Cli.csproj")));
        var dockerfile = Path.GetFullPath(Path.Combine(project, (string)trainer["docker"]!["path"]!));
        Assert.Equal(RepositoryLayout.File("Dockerfile"), dockerfile);
        Assert.Equal(RepositoryLayout.Root.TrimEnd('/'), Path.GetFullPath(Path.Combine(project, (string)trainer["docker"]!["context"]!)).TrimEnd('/'));
    }

    [Fact]
    public void Every_hook_has_a_script_for_both_shells()
    {
        var hooks = AzureYaml["hooks"]!.AsObject();
        Assert.NotEmpty(hooks);
        foreach (var (name, hook) in hooks)
        {
            foreach (var shell in new[] { "posix", "windows" })
            {
                var run = (string?)hook![shell]?["run"];
                Assert.False(string.IsNullOrEmpty(run), $"hook {name} has no {shell} script");
                Assert.True(File.Exists(RepositoryLayout.File(run!)), $"hook {name}: {run} is missing");
            }
        }
    }

    [Fact]
    public void Every_infra_output_a_hook_reads_is_declared_in_main_bicep()
    {
        var bicep = File.ReadAllText(RepositoryLayout.File("infra", "main.bicep"));
        var script = File.ReadAllText(RepositoryLayout.File("scripts", "post-deploy.sh"));
        // azd itself sets these for every hook; the rest come from main.bicep's outputs.
        string[] fromAzd = ["AZURE_SUBSCRIPTION_ID", "AZURE_ENV_NAME"];
        var used = System.Text.RegularExpressions.Regex.Matches(script, @"\bAZURE_[A-Z_]+\b").Select(m => m.Value).Distinct().Except(fromAzd);
        foreach (var name in used)
        {
            Assert.Contains($"output {name} string", bicep);
        }
    }

    private static JsonSchema LoadAzdSchema()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var text = File.ReadAllText(RepositoryLayout.TestData("azd", "azure.yaml.schema.json"));

        // The schema refers to azd extensions' schemas by URL; offline, each accepts anything.
        foreach (var url in System.Text.RegularExpressions.Regex.Matches(text, "\"\\$ref\":\\s*\"(https?://[^\"#]+)").Select(m => m.Groups[1].Value).Distinct())
        {
            options.SchemaRegistry.Register(new Uri(url), JsonSchema.FromText("{}", options, new Uri(url)));
        }

        return JsonSchema.FromText(text, options);
    }

    private static JsonNode ReadYamlAsJson(string path)
    {
        // YAML -> plain objects -> JSON, so that the JSON Schema sees what azd's YAML loader sees.
        var yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build()
            .Deserialize<object>(File.ReadAllText(path));
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml);
        return JsonNode.Parse(json)!;
    }
}
