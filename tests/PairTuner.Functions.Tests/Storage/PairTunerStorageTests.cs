using Microsoft.Extensions.Configuration;
using PairTuner.Functions.Storage;

namespace PairTuner.Functions.Tests.Storage;

public class PairTunerStorageTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void A_connection_string_is_used_as_is()
    {
        var client = PairTunerStorage.Create(Settings(("PAIRTUNER_STORAGE", "UseDevelopmentStorage=true")));

        Assert.Equal("devstoreaccount1", client.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), client.Uri);
    }

    [Theory]
    [InlineData("PAIRTUNER_STORAGE:blobServiceUri")]
    [InlineData("PAIRTUNER_STORAGE")]
    public void An_endpoint_means_the_managed_identity(string key)
    {
        var client = PairTunerStorage.Create(Settings((key, "https://stpairtuner.blob.core.windows.net/"), ("PAIRTUNER_STORAGE:clientId", "11111111-1111-1111-1111-111111111111")));

        Assert.Equal("stpairtuner", client.AccountName);
        Assert.False(client.CanGenerateAccountSasUri);
    }

    [Fact]
    public void Nothing_configured_names_the_settings()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PairTunerStorage.Create(Settings()));

        Assert.Contains("PAIRTUNER_STORAGE", error.Message, StringComparison.Ordinal);
        Assert.Contains("PAIRTUNER_STORAGE__blobServiceUri", error.Message, StringComparison.Ordinal);
    }
}
