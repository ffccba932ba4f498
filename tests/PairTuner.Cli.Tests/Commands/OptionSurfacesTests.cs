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
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Trainer;
using PairTuner.Workflow.Api;

namespace PairTuner.Cli.Tests.Commands;

/// <summary>
/// Every option, given each of its probes (values on and just past its limits), is accepted or
/// refused alike by every way a user can give it: the flags of <c>pairtuner train</c> and
/// <c>pairtuner run</c> (and of <c>embed</c> and <c>evaluate</c> for the encoder's options), a
/// <c>POST /runs</c> body, blob metadata, an app setting and job.json.
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

            if (option.Encodes)
            {
                surfaces["embed flag"] = EmbedFlag(option, probe);
                surfaces["evaluate flag"] = EvaluateFlag(option, probe);
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

    public static TheoryData<string, string> BadEncoderFlags() => new()
    {
        { "--max-seq-length", "4" },
        { "--max-seq-length", "513" },
        { "--device", "gpu" },
        { "--precision", "fp16" },
    };

    [Theory]
    [MemberData(nameof(BadEncoderFlags))]
    public void Train_embed_and_evaluate_refuse_a_bad_encoder_flag_at_parse_time_with_the_same_words(string flag, string value)
    {
        var option = RunOptionCatalog.All.Single(o => o.CliFlag == flag);
        var expected = $"{flag} '{value}': must be {option.Allowed}.";

        var train = TrainCommand.Create().Parse(["--job", "runs/x/job.json", flag, value]).Errors.Select(e => e.Message);
        var embed = EmbedCommand.Create().Parse([flag, value]).Errors.Select(e => e.Message);
        var evaluate = EvaluateCommand.Create().Parse(["--pairs", "pairs.jsonl", flag, value]).Errors.Select(e => e.Message);

        Assert.Equal([expected], train);
        Assert.Equal([expected], embed);
        Assert.Equal([expected], evaluate);
    }

    [Theory]
    [InlineData("--max-seq-length")]
    [InlineData("--precision")]
    [InlineData("--device")]
    [InlineData("--model")]
    public void Train_embed_and_evaluate_describe_a_shared_flag_alike(string name)
    {
        var option = RunOptionCatalog.All.Single(o => o.CliFlag == name);
        var meaning = name == "--model" ? ModelResolver.Description : option.Description;
        var help = new[] { TrainCommand.Create(), EmbedCommand.Create(), EvaluateCommand.Create() }
            .Select(command => command.Options.Single(o => o.Name == name).Description!)
            .ToArray();

        Assert.All(help, text => Assert.StartsWith(meaning + " Default ", text, StringComparison.Ordinal));
        if (name != "--model")
        {
            Assert.All(help, text => Assert.EndsWith("; " + option.Allowed + ".", text, StringComparison.Ordinal));
        }

        // Only --max-seq-length starts elsewhere for embed and evaluate (the model's own length).
        if (name is "--precision" or "--device")
        {
            Assert.Equal(help[0], help[1]);
        }

        Assert.Equal(help[1], help[2]);
    }

    [Fact]
    public async Task A_model_that_cannot_be_resolved_exits_alike_in_train_embed_and_evaluate()
    {
        // A folder that exists but holds no model: every command gets past its flags and fails in the
        // resolver ("config.json not found"); 40 pairs are enough for train to get that far.
        var model = Directory.CreateDirectory(Path.Combine(_root, "not-a-model")).FullName;
        var pairs = Path.Combine(_root, "pairs.jsonl");
        await File.WriteAllLinesAsync(pairs, Enumerable.Range(0, 40).Select(i => $$"""{"text1": "question {{i}}", "text2": "answer {{i}}"}"""));

        var (train, _, _) = await CliRunner.RunAsync(TrainCommand.Create(), "train", "--train", pairs, "--out", Path.Combine(_root, "out"), "--model", model);
        var (embed, _, _) = await CliRunner.RunAsync(EmbedCommand.Create(), "embed", "--model", model);
        var (evaluate, _, _) = await CliRunner.RunAsync(EvaluateCommand.Create(), "evaluate", "--pairs", pairs, "--model", model);

        // 1, as for every other failure of a command that started (docs/model.md).
        Assert.Equal(1, train);
        Assert.Equal(1, embed);
        Assert.Equal(1, evaluate);
    }

    private static bool EmbedFlag(RunOption option, string probe) =>
        EmbedCommand.Create().Parse([option.CliFlag, probe]).Errors.Count == 0 && Binds(option, probe);

    private static bool EvaluateFlag(RunOption option, string probe) =>
        EvaluateCommand.Create().Parse(["--pairs", "pairs.jsonl", option.CliFlag, probe]).Errors.Count == 0 && Binds(option, probe);

    /// <summary>Whether the encoder flags read <paramref name="probe"/> through the catalog as the value it means.</summary>
    private static bool Binds(RunOption option, string probe)
    {
        var flags = new EncoderOptionFlags();
        var command = new System.CommandLine.Command("embed");
        flags.AddTo(command);
        var parse = command.Parse([option.CliFlag, probe]);
        var expected = RunOptionsBuilder.Create().Add(OptionSource.CommandLine, option.Name, probe).Build().Training;
        var (encoder, maxSeqLength) = flags.Bind(parse);
        return encoder.Precision == expected.Precision && encoder.Device == expected.Device
            && maxSeqLength == (option.Name == "maxSeqLength" ? expected.MaxSeqLength : null);
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
