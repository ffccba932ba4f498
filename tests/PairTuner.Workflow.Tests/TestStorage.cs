using Azure.Storage.Blobs;

namespace PairTuner.Workflow.Tests;

/// <summary>The tests' storage: the connection string in PAIRTUNER_STORAGE, Azurite's development storage by default.</summary>
internal static class TestStorage
{
    public const string Setting = "PAIRTUNER_STORAGE";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Setting) is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    /// <summary>A client for the storage, after checking that something answers there; fails with a message naming the setting when not.</summary>
    public static async Task<BlobServiceClient> ConnectAsync()
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        var client = new BlobServiceClient(ConnectionString, options);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await client.GetPropertiesAsync(timeout.Token);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or AggregateException or System.Net.Http.HttpRequestException)
        {
            throw new InvalidOperationException(
                $"No blob storage answered at {client.Uri}. Start Azurite (bash .ci/run does; or npx azurite) or set {Setting} to a storage connection string. ({e.Message})",
                e);
        }

        return client;
    }
}
