using System.CommandLine;
using PairTuner.Cli.Commands;
using PairTuner.Contracts.Options;
using PairTuner.Trainer;

namespace PairTuner.Cli.Tests.Commands;

public class RunOptionFlagsTests
{
    [Fact]
    public void Every_catalog_option_is_a_flag_of_pairtuner_run()
    {
        var run = RunCommand.Create();

        foreach (var option in RunOptionCatalog.All)
        {
            Assert.Contains(run.Options, o => o.Name == option.CliFlag);
        }
    }

    [Fact]
    public void Flags_parse_into_option_values_the_catalog_validates()
    {
        var flags = RunOptionFlags.Create();
        var command = new Command("run");
        foreach (var flag in flags.Flags)
        {
            command.Options.Add(flag);
        }

        var values = flags.Values(command.Parse(["--warmup-steps", "7", "--batch-size", "16", "--rescale", "0-5", "--min-score", "4"])).ToList();
        var builder = RunOptionsBuilder.Create();
        foreach (var (key, value) in values)
        {
            builder.Add(OptionSource.CommandLine, key, value);
        }

        var options = builder.Build();
        Assert.Equal(["batchSize", "warmupSteps", "rescale", "minScore"], values.Select(v => v.Key));
        Assert.Equal(7, options.Training.WarmupSteps);
        Assert.Equal(16, options.Training.BatchSize);
        Assert.Equal(4, options.MinScore);
    }
}
