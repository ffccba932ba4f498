using System.Reflection;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Options;

namespace PairTuner.Contracts.Tests.Options;

public class RunOptionCatalogTests
{
    [Fact]
    public void Every_training_and_run_option_has_an_entry()
    {
        var training = typeof(TrainingOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name);
        var run = typeof(RunOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != nameof(RunOptions.Training)).Select(p => p.Name);

        foreach (var property in training.Concat(run))
        {
            var option = RunOptionCatalog.Find(property);
            Assert.True(option is not null, $"{property} has no entry in RunOptionCatalog");
            Assert.Equal(char.ToLowerInvariant(property[0]) + property[1..], option.Name);
        }

        Assert.Equal(training.Count() + run.Count(), RunOptionCatalog.All.Count);
    }

    [Fact]
    public void Each_default_text_reads_back_as_the_default()
    {
        foreach (var option in RunOptionCatalog.All)
        {
            var options = RunOptionsBuilder.Create().Add(OptionSource.AppSettings, option.Name, option.DefaultText).Build();
            Assert.True(new RunOptions() == options, $"{option.Name}'s default text '{option.DefaultText}' does not read back as the default");
        }
    }

    [Fact]
    public void Names_in_every_place_follow_one_rule()
    {
        var batch = RunOptionCatalog.Find("batchSize")!;

        Assert.Equal("PairTuner:Defaults:batchSize", batch.SettingKey);
        Assert.Equal("PairTuner__Defaults__batchSize", batch.EnvironmentVariable);
        Assert.Equal("batchsize", batch.MetadataKey);
        Assert.Equal("--batch-size", batch.CliFlag);
        Assert.Same(batch, RunOptionCatalog.Find(batch.MetadataKey));
        Assert.Same(batch, RunOptionCatalog.Find(batch.CliFlag));
    }

    [Fact]
    public void Metadata_keys_are_valid_csharp_identifiers_and_unique()
    {
        var keys = RunOptionCatalog.All.Select(o => o.MetadataKey).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(keys, k => Assert.Matches("^[a-z_][a-z0-9_]*$", k));
    }
}
