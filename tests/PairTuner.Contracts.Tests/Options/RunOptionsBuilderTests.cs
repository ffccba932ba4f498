using System.Text.Json;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Options;
using PairTuner.Contracts.Scoring;

namespace PairTuner.Contracts.Tests.Options;

public class RunOptionsBuilderTests
{
    private static readonly Dictionary<string, string?> NoSettings = [];

    [Fact]
    public void Nothing_given_is_the_default_recipe()
    {
        var options = RunOptionsBuilder.Create().AddAppSettings(NoSettings).Build();

        Assert.Equal(new RunOptions(), options);
        Assert.Equal(Recipe.Default, options.Training.Recipe);
        Assert.Equal(1, options.Training.Epochs);
        Assert.Equal(32, options.Training.BatchSize);
        Assert.Equal(SimilarityFunction.Cos, options.Training.Similarity);
    }

    [Fact]
    public void Recipe_seed_sets_each_setting_and_explicit_options_from_any_source_override_it()
    {
        var seed = RunOptionsBuilder.Create().Add(OptionSource.RequestBody, "recipe", "seed").Build().Training;
        Assert.Equal(TrainingOptions.ForRecipe(Recipe.Seed), seed);

        // The recipe comes from the body, the epochs from a lower source: still the explicit epochs win.
        var overridden = RunOptionsBuilder.Create()
            .Add(OptionSource.AppSettings, "epochs", "3")
            .Add(OptionSource.RequestBody, "recipe", "seed")
            .Add(OptionSource.RequestBody, "similarity", "cos")
            .Build().Training;
        Assert.Equal(3, overridden.Epochs);
        Assert.Equal(SimilarityFunction.Cos, overridden.Similarity);
        Assert.Equal(1, overridden.EffectiveScale);      // the recipe's scale 1 stays
        Assert.Equal(100, overridden.WarmupSteps);
        Assert.Equal(Recipe.Seed, overridden.Recipe);
    }

    [Fact]
    public void Mine_range_max_must_be_above_range_min()
    {
        var error = Assert.Throws<RunOptionsException>(() => RunOptionsBuilder.Create()
            .Add(OptionSource.RequestBody, "mineRangeMin", "5").Add(OptionSource.RequestBody, "mineRangeMax", "5").Build());
        Assert.Contains("mineRangeMax", error.Message);
    }

    [Fact]
    public void Body_beats_metadata_beats_settings()
    {
        var options = RunOptionsBuilder.Create()
            .Add(OptionSource.RequestBody, "epochs", "3")
            .AddBlobMetadata(new Dictionary<string, string> { ["epochs"] = "5", ["batchsize"] = "16", ["loss"] = "symmetric" })
            .AddAppSettings(new Dictionary<string, string?> { ["epochs"] = "7", ["batchSize"] = "64", ["lr"] = "3e-5", ["warmupSteps"] = "10" })
            .Build();

        // Added out of order on purpose: priority comes from the source, not the call order.
        Assert.Equal(3, options.Training.Epochs);
        Assert.Equal(16, options.Training.BatchSize);
        Assert.Equal(LossKind.Symmetric, options.Training.Loss);
        Assert.Equal(3e-5, options.Training.Lr);
        Assert.Equal(10, options.Training.WarmupSteps);
    }

    [Fact]
    public void App_settings_accept_the_full_configuration_key()
    {
        var options = RunOptionsBuilder.Create()
            .AddAppSettings(new Dictionary<string, string?> { ["PairTuner:Defaults:shardSize"] = "1000", ["PairTuner:Defaults"] = null })
            .Build();

        Assert.Equal(1000, options.ShardSize);
    }

    [Theory]
    [InlineData("batchSize")]
    [InlineData("batchsize")]
    [InlineData("BATCHSIZE")]
    [InlineData("batch-size")]
    [InlineData("--batch-size")]
    [InlineData("batch_size")]
    public void Names_ignore_case_dashes_and_underscores(string key)
    {
        var options = RunOptionsBuilder.Create().Add(OptionSource.CommandLine, key, "48").Build();

        Assert.Equal(48, options.Training.BatchSize);
    }

    [Fact]
    public void Aliases_and_choices_read_like_the_cli()
    {
        var options = RunOptionsBuilder.Create()
            .Add(OptionSource.RequestBody, "scoreScale", "1-5")
            .Add(OptionSource.BlobMetadata, "minscore", "4")
            .Add(OptionSource.RequestBody, "similarity", "COS")
            .Add(OptionSource.RequestBody, "precision", "bf16")
            .Add(OptionSource.RequestBody, "device", "CUDA:1")
            .Add(OptionSource.RequestBody, "model", "models/tickets-0123456789ab/")
            .Build();

        Assert.Equal(ScoreRange.OneToFive, options.Rescale);
        Assert.Equal(4, options.MinScore);
        Assert.Equal(SimilarityFunction.Cos, options.Training.Similarity);
        Assert.Equal(Precision.Bf16, options.Training.Precision);
        Assert.Equal("cuda:1", options.Training.Device);
        Assert.Equal("models/tickets-0123456789ab/", options.Training.Model);
        Assert.Equal(20.0, options.Training.EffectiveScale);
    }

    [Theory]
    [InlineData("02:30:00", 150)]
    [InlineData("1.00:00:00", 1440)]
    [InlineData("PT2H", 120)]
    [InlineData("pt90m", 90)]
    public void Run_timeout_reads_both_duration_forms(string text, int minutes)
    {
        var options = RunOptionsBuilder.Create().Add(OptionSource.AppSettings, "runTimeout", text).Build();

        Assert.Equal(TimeSpan.FromMinutes(minutes), options.RunTimeout);
    }

    [Fact]
    public void Scale_default_clears_a_lower_source()
    {
        var options = RunOptionsBuilder.Create()
            .Add(OptionSource.AppSettings, "scale", "30")
            .AddJson(OptionSource.RequestBody, "scale", JsonDocument.Parse("null").RootElement)
            .Build();

        Assert.Null(options.Training.Scale);
        Assert.Equal(20.0, options.Training.EffectiveScale);
    }

    [Fact]
    public void Every_bad_value_is_named_in_one_error()
    {
        var builder = RunOptionsBuilder.Create()
            .AddAppSettings(new Dictionary<string, string?> { ["lr"] = "fast" })
            .AddBlobMetadata(new Dictionary<string, string> { ["batchsize"] = "1" })
            .Add(OptionSource.RequestBody, "epochs", "0")
            .Add(OptionSource.RequestBody, "loss", "triplet")
            .Add(OptionSource.RequestBody, "trainFraction", "1");

        var error = Assert.Throws<RunOptionsException>(() => builder.Build());

        Assert.Equal(5, error.Errors.Count);
        Assert.Contains(error.Errors, e => e is { Name: "lr", Value: "fast", Source: OptionSource.AppSettings });
        Assert.Contains(error.Errors, e => e is { Name: "batchSize", Value: "1", Source: OptionSource.BlobMetadata } && e.Message.Contains("from 2 to 65536", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e is { Name: "epochs", Value: "0" } && e.Message.Contains("from 1 to 1000", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e is { Name: "loss", Value: "triplet" } && e.Message.Contains("mnrl, symmetric, cached", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e is { Name: "trainFraction" } && e.Message.Contains("less than 1", StringComparison.Ordinal));
        foreach (var name in new[] { "lr = \"fast\" (app setting)", "batchSize = \"1\" (blob metadata)", "epochs = \"0\" (request body)", "loss", "trainFraction" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_bad_low_value_is_an_error_even_when_a_higher_source_overrides_it()
    {
        var ok = RunOptionsBuilder.Create()
            .Add(OptionSource.AppSettings, "epochs", "zero")
            .Add(OptionSource.RequestBody, "epochs", "2")
            .TryBuild(out _, out var errors);

        Assert.False(ok);
        Assert.Equal(OptionSource.AppSettings, Assert.Single(errors).Source);
    }

    [Fact]
    public void Unknown_body_option_is_an_error_with_a_hint()
    {
        var error = Assert.Throws<RunOptionsException>(() => RunOptionsBuilder.Create().Add(OptionSource.RequestBody, "epoch", "3").Build());

        var only = Assert.Single(error.Errors);
        Assert.Equal("epoch", only.Name);
        Assert.Contains("did you mean epochs", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_metadata_is_ignored_and_listed()
    {
        var builder = RunOptionsBuilder.Create()
            .AddBlobMetadata(new Dictionary<string, string> { ["owner"] = "search-team", ["epochs"] = "2" });

        var options = builder.Build();

        Assert.Equal(2, options.Training.Epochs);
        Assert.Equal(["owner"], builder.IgnoredMetadataKeys);
    }

    [Fact]
    public void Min_score_must_lie_on_the_files_scale()
    {
        var error = Assert.Throws<RunOptionsException>(() => RunOptionsBuilder.Create().Add(OptionSource.RequestBody, "minScore", "4").Build());

        var only = Assert.Single(error.Errors);
        Assert.Equal("minScore", only.Name);
        Assert.Contains("score range 0-1", only.Message, StringComparison.Ordinal);
        Assert.Equal(4, RunOptionsBuilder.Create().Add(OptionSource.RequestBody, "minScore", "4").Add(OptionSource.AppSettings, "rescale", "0-5").Build().MinScore);
    }

    [Fact]
    public void One_option_twice_in_one_source_is_an_error()
    {
        var error = Assert.Throws<RunOptionsException>(() => RunOptionsBuilder.Create()
            .Add(OptionSource.RequestBody, "batchSize", "16")
            .Add(OptionSource.RequestBody, "batch_size", "32")
            .Build());

        Assert.Contains("given twice", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cached_loss_needs_a_mini_batch_no_bigger_than_the_batch()
    {
        var error = Assert.Throws<RunOptionsException>(() => RunOptionsBuilder.Create()
            .Add(OptionSource.BlobMetadata, "loss", "cached")
            .Add(OptionSource.RequestBody, "batchSize", "16")
            .Build());

        var only = Assert.Single(error.Errors);
        Assert.Equal("miniBatchSize", only.Name);
        Assert.Contains("at most batchSize (16)", only.Message, StringComparison.Ordinal);

        // The same sizes are fine for the plain loss, which has no mini-batches.
        Assert.Equal(16, RunOptionsBuilder.Create().Add(OptionSource.RequestBody, "batchSize", "16").Build().Training.BatchSize);
    }

    [Theory]
    [InlineData("epochs", "1")]
    [InlineData("epochs", "\"1\"")]
    [InlineData("lr", "2e-5")]
    [InlineData("lr", "\"0.00002\"")]
    public void Json_numbers_and_strings_both_work(string key, string json)
    {
        var options = RunOptionsBuilder.Create().AddJson(OptionSource.RequestBody, key, JsonDocument.Parse(json).RootElement).Build();

        Assert.Equal(new RunOptions(), options);
    }

    [Theory]
    [InlineData("epochs", "8.5")]
    [InlineData("epochs", "true")]
    [InlineData("epochs", "[8]")]
    [InlineData("epochs", "{\"value\":8}")]
    [InlineData("epochs", "null")]
    [InlineData("lr", "\"NaN\"")]
    [InlineData("lr", "\"Infinity\"")]
    [InlineData("model", "\"models/../runs/x/\"")]
    [InlineData("model", "\"/etc/passwd\"")]
    [InlineData("device", "\"tpu\"")]
    [InlineData("runTimeout", "\"00:00:10\"")]
    [InlineData("runTimeout", "\"P30D\"")]
    [InlineData("maxSeqLength", "513")]
    public void Json_values_of_the_wrong_kind_or_range_are_errors(string key, string json)
    {
        var ok = RunOptionsBuilder.Create().AddJson(OptionSource.RequestBody, key, JsonDocument.Parse(json).RootElement).TryBuild(out var options, out var errors);

        Assert.False(ok);
        Assert.Equal(key, Assert.Single(errors).Name);
        Assert.Equal(new RunOptions(), options);
    }
}
