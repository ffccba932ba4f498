using System.Reflection;
using System.Text.Json;
using Microsoft.DurableTask;
using PairTuner.Functions.Triggers;
using PairTuner.Workflow.Orchestration;
using PairTuner.Workflow.Runs;

namespace PairTuner.Functions.Tests;

/// <summary>
/// Reads the <c>functions.metadata</c> that Microsoft.Azure.Functions.Worker.Sdk generates from the
/// attributes at build time (it is what the Functions host loads), so a broken binding fails here
/// rather than in production: every function, its trigger, route, auth level, connection and path.
/// </summary>
public class FunctionsMetadataTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Functions = new(Load);

    [Fact]
    public void The_app_has_exactly_the_expected_functions_and_no_polling_trigger_that_flex_consumption_would_reject()
    {
        var expected = new[]
        {
            "StartRun", "ListRuns", "GetRun", "CancelRun", "UploadPairs", "GetTrainingLog", "GetReport", "GetEval", "GetModelZip", "Dashboard",
            PairsUploaded.EventGridFunction,
        };

        Assert.Equal(expected.Order(StringComparer.Ordinal), Functions.Value.Keys.Where(k => expected.Contains(k) || !IsDurable(k)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("StartRun", "post", "runs")]
    [InlineData("ListRuns", "get", "runs")]
    [InlineData("GetRun", "get", "runs/{id}")]
    [InlineData("CancelRun", "post", "runs/{id}/cancel")]
    public void Http_functions_have_the_design_routes_with_function_keys(string name, string method, string route)
    {
        var trigger = Trigger(name);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Contains(Bindings(name), b => b.GetProperty("type").GetString() == "durableClient");
        Assert.Contains(Bindings(name), b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
    }

    [Theory]
    [InlineData("UploadPairs", "put", "pairs/{*name}")]
    [InlineData("GetTrainingLog", "get", "runs/{id}/log")]
    [InlineData("GetReport", "get", "runs/{id}/report")]
    [InlineData("GetEval", "get", "runs/{id}/eval")]
    [InlineData("GetModelZip", "get", "runs/{id}/model.zip")]
    [InlineData("Dashboard", "get", "dashboard")]
    public void File_functions_have_their_routes_with_function_keys(string name, string method, string route)
    {
        var trigger = Trigger(name);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(route, trigger.GetProperty("route").GetString());
    }

    [Theory]
    [InlineData(PairsUploaded.EventGridFunction, "EventGrid")]
    public void Blob_triggers_watch_pairs_on_the_pairtuner_connection(string name, string source)
    {
        var trigger = Trigger(name);

        Assert.Equal("blobTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(BlobNames.PairsContainer + "/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("PAIRTUNER_STORAGE", trigger.GetProperty("connection").GetString());
        Assert.Equal(source, trigger.GetProperty("source").GetString());
        Assert.Contains(Bindings(name), b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Fact]
    public void Every_durable_task_of_the_workflow_is_a_function_of_its_kind()
    {
        // The workflow's orchestrator and activities carry [DurableTask(Name)]; each needs a function
        // with that name and the right trigger, or the orchestration calls something the app lacks.
        var tasks = typeof(RunOrchestration).Assembly.GetTypes()
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<DurableTaskAttribute>()))
            .Where(t => t.Attribute is not null)
            .ToList();

        Assert.Contains(tasks, t => t.Type == typeof(RunOrchestration));
        foreach (var (type, attribute) in tasks)
        {
            var name = attribute!.Name.Name;
            var trigger = IsSubclassOfGeneric(type, typeof(TaskOrchestrator<,>)) ? "orchestrationTrigger" : "activityTrigger";
            Assert.True(Functions.Value.ContainsKey(name), $"{type.Name} ({name}) has no function in the Functions app");
            Assert.Equal(trigger, Trigger(name).GetProperty("type").GetString());
        }

        Assert.Equal(tasks.Count, Functions.Value.Keys.Count(IsDurable));
    }

    [Fact]
    public void The_polling_trigger_is_compiled_only_for_the_local_build()
    {
        // Building with the property is what Core Tools users do; here the project file is read:
        // the polling function's source is removed unless PairTunerLocalPolling is true.
        var project = System.Xml.Linq.XDocument.Load(Path.Combine(RepoRoot(), "src", "PairTuner.Functions", "PairTuner.Functions.csproj"));
        var removal = Assert.Single(project.Descendants("Compile"), c => c.Attribute("Remove") is not null);
        Assert.Equal("'$(PairTunerLocalPolling)' != 'true'", (string?)removal.Parent!.Attribute("Condition"));
        var file = Path.Combine(RepoRoot(), "src", "PairTuner.Functions", (string)removal.Attribute("Remove")!);
        Assert.Contains("[Function(PairsUploaded.PollingFunction)]", File.ReadAllText(file));
        Assert.Null(typeof(PairsUploaded).Assembly.GetType("PairTuner.Functions.Triggers.PairsUploadedPolling"));
    }

    [Fact]
    public void Sample_local_settings_enable_only_the_polling_trigger_and_use_azurite()
    {
        var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "src", "PairTuner.Functions", "local.settings.sample.json"))).RootElement.GetProperty("Values");

        Assert.Equal("true", sample.GetProperty($"AzureWebJobs.{PairsUploaded.EventGridFunction}.Disabled").GetString());
        Assert.Equal("false", sample.GetProperty($"AzureWebJobs.{PairsUploaded.PollingFunction}.Disabled").GetString());
        Assert.Equal("dotnet-isolated", sample.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.Equal("UseDevelopmentStorage=true", sample.GetProperty("PAIRTUNER_STORAGE").GetString());
        Assert.Equal("UseDevelopmentStorage=true", sample.GetProperty("AzureWebJobsStorage").GetString());
        Assert.Equal("Process", sample.GetProperty("PairTuner__Trainer__Launcher").GetString());
        Assert.EndsWith("pairtuner.dll", sample.GetProperty("PairTuner__Trainer__Command").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_output_carries_the_repository_host_json()
    {
        var output = Path.GetDirectoryName(MetadataPath())!;
        var built = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "host.json"))).RootElement;
        var durable = built.GetProperty("extensions").GetProperty("durableTask");

        Assert.Equal(File.ReadAllText(Path.Combine(RepoRoot(), "host.json")), File.ReadAllText(Path.Combine(output, "host.json")));
        Assert.Equal("2.0", built.GetProperty("version").GetString());
        Assert.Equal("AzureStorage", durable.GetProperty("storageProvider").GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(durable.GetProperty("hubName").GetString()));
    }

    private static bool IsSubclassOfGeneric(Type type, Type generic)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == generic)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDurable(string name) =>
        Functions.Value[name].GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() is "orchestrationTrigger" or "activityTrigger" or "entityTrigger");

    private static JsonElement Trigger(string name)
    {
        Assert.True(Functions.Value.ContainsKey(name), $"functions.metadata has no function {name}");
        return Bindings(name).Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
    }

    private static List<JsonElement> Bindings(string name) => [.. Functions.Value[name].GetProperty("bindings").EnumerateArray()];

    private static Dictionary<string, JsonElement> Load()
    {
        var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone(), StringComparer.Ordinal);
    }

    /// <summary>The Functions project's own build output, same configuration and framework as this test's.</summary>
    private static string MetadataPath()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var path = Path.Combine(RepoRoot(), "src", "PairTuner.Functions", "bin", configuration, framework, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: build src/PairTuner.Functions ({configuration}) first; the Functions SDK writes it.");
        return path;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
