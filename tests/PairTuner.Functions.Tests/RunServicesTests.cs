using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using PairTuner.Contracts.Options;

namespace PairTuner.Functions.Tests;

public class RunServicesTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Bad_defaults_stop_the_app_at_start_naming_each()
    {
        var settings = Settings(("PairTuner:Defaults:epochs", "0"), ("PairTuner:Defaults:loss", "triplet"), ("PairTuner:Defaults:batchSize", "64"));

        var error = Assert.Throws<RunOptionsException>(() => new RunServices(new BlobServiceClient("UseDevelopmentStorage=true"), settings, NullLoggerFactory.Instance));

        Assert.Equal(["epochs", "loss"], error.Errors.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(error.Errors, e => Assert.Equal(OptionSource.AppSettings, e.Source));
    }

    [Fact]
    public void Api_limits_come_from_settings()
    {
        var services = new RunServices(
            new BlobServiceClient("UseDevelopmentStorage=true"),
            Settings(("PairTuner:Api:MaxBodyBytes", "4096"), ("PairTuner:Api:MaxInlinePairs", "12")),
            NullLoggerFactory.Instance);

        Assert.Equal(4096, services.Limits.MaxBodyBytes);
        Assert.Equal(12, services.Limits.MaxInlinePairs);
    }

    [Fact]
    public void Unknown_or_bad_api_limits_are_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new RunServices(
            new BlobServiceClient("UseDevelopmentStorage=true"),
            Settings(("PairTuner:Api:MaxBodyBytes", "big"), ("PairTuner:Api:MaxPairs", "3")),
            NullLoggerFactory.Instance));

        Assert.Contains("PairTuner:Api:MaxBodyBytes = \"big\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("PairTuner:Api:MaxPairs is no setting", error.Message, StringComparison.Ordinal);
    }
}
