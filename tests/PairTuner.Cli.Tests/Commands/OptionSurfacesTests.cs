using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using PairTuner.Cli.Commands;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Options;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Serialization;
using PairTuner.Trainer;
using PairTuner.Training.Trainer;
using PairTuner.Workflow.Api;

namespace PairTuner.Cli.Tests.Commands;

/// <summary>
/// Every option, given each of its probes (values on and just past its limits), is accepted or
/// refused alike by every way a user can give it: the flags of <c>pairtuner train</c> and
/// <c>pairtuner run</c>, a <c>POST /runs</c> body, blob metadata, an app setting and job.json.
/// </summary>
public sealed class OptionSurfacesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pairtuner-surfaces-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string> Options() => [.. RunOptionCatalog.All.Select(o => o.Name)];

    [Theory]
    [MemberData(nameof(Options))]
    public async Task Every_surface_accepts_and_refuses_the_same_values(string name)
    {
        var option = RunOptionCatalog.Find(name)!;
        var verdicts = new List<bool>();
        foreach (var probe in option.Probes)
        {
            var surfaces = new Dictionary<string, bool>
            {
                ["run flag"] = RunFlag(option, probe),
                ["body"] = Body(option, probe),
                ["blob metadata"] = Metadata(option, probe),
                ["app setting"] = AppSetting(option, probe),
            };
            if (option.Trains)
            {
                surfaces["train flag"] = TrainFlag(option, probe);
            }

            if (typeof(TrainingOptions).GetProperty(option.Name, System.Reflection.BindingFlags.IgnoreCase | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance) is not null)
            {
                surfaces["job.json"] = await JobFileAsync(option, probe);
            }

            var verdict = surfaces["body"];
            Assert.True(
                surfaces.Values.All(v => v == verdict),
                $"{option.Name} = '{probe}': " + string.Join(", ", surfaces.Select(s => $"{s.Key} {(s.Value ? "accepts" : "refuses")}")));
            verdicts.Add(verdict);
        }

        // Probes that all pass or all fail would test nothing.
        Assert.Contains(true, verdicts);
        Assert.Contains(false, verdicts);
    }

    [Fact]
    public void Max_grad_norm_zero_turns_clipping_off_on_every_surface()
    {
        var option = RunOptionCatalog.Find("maxGradNorm")!;
        Assert.True(TrainFlag(option, "0"));
        Assert.True(RunFlag(option, "0"));
        Assert.True(Body(option, "0"));
    }

    private static bool TrainFlag(RunOption option, string probe)
    {
        string[] args = ["--job", "runs/x/job.json", option.CliFlag, probe];
        if (TrainCommand.Create().Parse(args).Errors.Count > 0)
        {
            return false;
        }

        var set = new TrainingOptionSet();
        var command = new System.CommandLine.Command("train");
        set.AddTo(command);
        return Builds(() => set.BindRun(command.Parse([option.CliFlag, probe]), new RunOptions()));
    }

    private static bool RunFlag(RunOption option, string probe)
    {
        var run = RunCommand.Create();
        if (run.Parse(["pairs.jsonl", option.CliFlag, probe]).Errors.Count > 0)
        {
            return false;
        }

        var flags = RunOptionFlags.Create();
        var command = new System.CommandLine.Command("run");
        foreach (var flag in flags.Flags)
        {
            command.Options.Add(flag);
        }

        return Builds(() => flags.Bind(command.Parse([option.CliFlag, probe]), new RunOptions()));
    }

    private static bool Body(RunOption option, string probe)
    {
        using var document = JsonDocument.Parse($"{{\"input\":\"pairs/p.jsonl\",\"{option.Name}\":{Json(option, probe)?.ToJsonString() ?? "null"}}}");
        var body = StartRunBodyReader.Read(document.RootElement, new ApiLimits(), out _);
        if (body is null)
        {
            return false;
        }

        var builder = RunOptionsBuilder.Create();
        foreach (var (key, value) in body.Options)
        {
            builder.AddJson(OptionSource.RequestBody, key, value);
        }

        return builder.TryBuild(out _, out _);
    }

    private static bool Metadata(RunOption option, string probe) =>
        RunOptionsBuilder.Create().AddBlobMetadata([new(option.MetadataKey, probe)]).TryBuild(out _, out _);

    private static bool AppSetting(RunOption option, string probe)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(option.EnvironmentVariable.Replace("__", ":", StringComparison.Ordinal), probe)]).Build();
        var settings = configuration.GetSection(RunOptionCatalog.SettingsSection).AsEnumerable(makePathsRelative: true);
        return RunOptionsBuilder.Create().AddAppSettings(settings).TryBuild(out _, out _);
    }

    private async Task<bool> JobFileAsync(RunOption option, string probe)
    {
        var job = JsonSerializer.SerializeToNode(
            new TrainingJob
            {
                RunId = "probe", Train = ["pairs/train/"], Eval = ["pairs/eval/"], OutputModel = "models/probe/", Checkpoints = "runs/probe/checkpoints/",
                Status = "runs/probe/status.json", EvalReport = "runs/probe/eval.json", ReportHtml = "runs/probe/report.html", TrainingLog = "runs/probe/training_log.jsonl",
            },
            PairTunerJson.Options)!;
        job["options"]![option.Name] = Json(option, probe);
        var store = new LocalArtifactStore(_root);
        await store.WriteAsync("runs/probe/job.json", new MemoryStream(Encoding.UTF8.GetBytes(job.ToJsonString())));
        try
        {
            await TrainingJobRunner.ReadJobAsync(store, "runs/probe/job.json");
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>The probe as a JSON user would write it: a number as a number, "default" as null, anything else as a string.</summary>
    // "default" is JSON null for an option that may be left to the run (scale, minScore); recipe's "default" is a name.
    private static JsonNode? Json(RunOption option, string probe) =>
        probe == "default" && option.Allowed.Contains(", or default (", StringComparison.Ordinal) ? null
        : double.TryParse(probe, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? JsonNode.Parse(probe)
        : JsonValue.Create(probe);

    private static bool Builds(Action build)
    {
        try
        {
            build();
            return true;
        }
        catch (RunOptionsException)
        {
            return false;
        }
    }
}
