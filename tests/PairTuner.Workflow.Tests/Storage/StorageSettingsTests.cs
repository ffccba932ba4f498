using Microsoft.Extensions.Configuration;
using PairTuner.Workflow.Storage;

namespace PairTuner.Workflow.Tests.Storage;

public class StorageSettingsTests
{
    [Fact]
    public void A_connection_string_wins_over_the_identity_form()
    {
        var settings = StorageSettings.FromVariables(Vars(("PAIRTUNER_STORAGE", " UseDevelopmentStorage=true "), ("PAIRTUNER_STORAGE__blobServiceUri", "https://st.blob.core.windows.net/")));

        Assert.False(settings.UsesIdentity);
        Assert.Equal("UseDevelopmentStorage=true", settings.ConnectionString);
    }

    [Fact]
    public void The_identity_form_names_the_account_and_the_user_assigned_identity_without_any_key()
    {
        var settings = StorageSettings.FromVariables(Vars(("PAIRTUNER_STORAGE__blobServiceUri", "https://stabc.blob.core.windows.net/"), ("PAIRTUNER_STORAGE__clientId", "1111-2222")));

        Assert.True(settings.UsesIdentity);
        Assert.Equal(new Uri("https://stabc.blob.core.windows.net/"), settings.BlobServiceUri);
        Assert.Equal("1111-2222", settings.ClientId);
        Assert.Equal(string.Empty, settings.ConnectionString);
        Assert.Equal("https://stabc.blob.core.windows.net/", BlobArtifactStore.FromSettings(settings).Service.Uri.ToString());
    }

    [Fact]
    public void An_http_or_relative_blob_endpoint_is_refused_with_the_setting_named()
    {
        foreach (var bad in new[] { "http://stabc.blob.core.windows.net/", "stabc" })
        {
            var error = Assert.Throws<InvalidOperationException>(() => StorageSettings.FromVariables(Vars(("PAIRTUNER_STORAGE__blobServiceUri", bad))));
            Assert.Contains("PAIRTUNER_STORAGE__blobServiceUri", error.Message);
        }
    }

    [Fact]
    public void Nothing_set_means_azurite_on_its_default_ports()
    {
        var settings = StorageSettings.FromVariables(Vars());

        Assert.True(settings.IsDefault);
        Assert.Equal(StorageSettings.DevelopmentStorage, settings.ConnectionString);
    }

    [Fact]
    public void A_bare_https_endpoint_in_the_connection_setting_means_the_managed_identity()
    {
        var settings = StorageSettings.FromVariables(Vars(("PAIRTUNER_STORAGE", "https://stpairtuner.blob.core.windows.net/"), ("PAIRTUNER_STORAGE__clientId", "11111111-1111-1111-1111-111111111111")));

        Assert.True(settings.UsesIdentity);
        Assert.Equal("11111111-1111-1111-1111-111111111111", settings.ClientId);
        var client = settings.CreateClient();
        Assert.Equal("stpairtuner", client.AccountName);
        Assert.False(client.CanGenerateAccountSasUri);
    }

    [Fact]
    public void An_endpoint_in_the_connection_setting_must_be_https()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageSettings.FromVariables(Vars(("PAIRTUNER_STORAGE", "http://stabc.blob.core.windows.net/"))));

        Assert.StartsWith("PAIRTUNER_STORAGE must be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_makes_a_client_of_that_account()
    {
        var client = StorageSettings.FromVariables(Vars(("PAIRTUNER_STORAGE", "UseDevelopmentStorage=true"))).CreateClient();

        Assert.Equal("devstoreaccount1", client.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), client.Uri);
    }

    [Theory]
    [InlineData("PAIRTUNER_STORAGE:blobServiceUri")]
    [InlineData("PAIRTUNER_STORAGE")]
    public void App_settings_are_read_with_colons_where_variables_have_double_underscores(string key)
    {
        var settings = StorageSettings.FromConfiguration(Settings((key, "https://stpairtuner.blob.core.windows.net/"), ("PAIRTUNER_STORAGE:clientId", "2222")));

        Assert.Equal(new Uri("https://stpairtuner.blob.core.windows.net/"), settings.BlobServiceUri);
        Assert.Equal("2222", settings.ClientId);
        Assert.Equal("stpairtuner", settings.CreateClient().AccountName);
    }

    [Fact]
    public void The_functions_app_refuses_the_azurite_default_and_names_the_settings()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageSettings.FromConfiguration(Settings()).RequireConfigured());
        var set = StorageSettings.FromConfiguration(Settings(("PAIRTUNER_STORAGE", "UseDevelopmentStorage=true")));

        Assert.Contains("PAIRTUNER_STORAGE", error.Message, StringComparison.Ordinal);
        Assert.Contains("PAIRTUNER_STORAGE__blobServiceUri", error.Message, StringComparison.Ordinal);
        Assert.Same(set, set.RequireConfigured());
    }

    [Fact]
    public void A_child_process_is_given_the_variables_that_read_back_as_the_same_settings()
    {
        foreach (var settings in new[]
        {
            StorageSettings.ForAzurite(10000),
            StorageSettings.FromVariables(Vars(("PAIRTUNER_STORAGE__blobServiceUri", "https://st.blob.core.windows.net/"), ("PAIRTUNER_STORAGE__clientId", "3333"))),
            StorageSettings.FromVariables(Vars()),
        })
        {
            var variables = settings.ToVariables();
            Assert.Equal(settings, StorageSettings.FromVariables(name => variables.TryGetValue(name, out var value) ? value : null));
        }

        Assert.Empty(StorageSettings.FromVariables(Vars()).ToVariables());
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static Func<string, string?> Vars(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
