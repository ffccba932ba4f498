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

    private static Func<string, string?> Vars(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
