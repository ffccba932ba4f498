using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace PairTuner.Functions.Storage;

/// <summary>
/// The storage account of <c>pairs/</c>, <c>runs/</c> and <c>models/</c>, from the connection named
/// <see cref="ConnectionName"/>, read the way Functions reads binding connections: a connection
/// string in <c>PAIRTUNER_STORAGE</c>, or for a managed identity
/// <c>PAIRTUNER_STORAGE__blobServiceUri</c> (and <c>PAIRTUNER_STORAGE__clientId</c> for a
/// user-assigned one). The blob triggers use the same connection name, so they watch the same account.
/// </summary>
public static class PairTunerStorage
{
    /// <summary>The app setting (and blob triggers' <c>Connection</c>) naming the storage account.</summary>
    public const string ConnectionName = "PAIRTUNER_STORAGE";

    public static BlobServiceClient Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ConnectionName);
        if (configuration[ConnectionName] is { Length: > 0 } value)
        {
            // A bare endpoint (https://account.blob.core.windows.net/) means the managed identity too.
            return Uri.TryCreate(value, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "https" or "http" && !value.Contains('=', StringComparison.Ordinal)
                ? new BlobServiceClient(endpoint, Credential(section))
                : new BlobServiceClient(value);
        }

        if (section["blobServiceUri"] is { Length: > 0 } uri)
        {
            return new BlobServiceClient(new Uri(uri), Credential(section));
        }

        throw new InvalidOperationException(
            $"No storage configured: set the app setting {ConnectionName} to a connection string (UseDevelopmentStorage=true for Azurite), "
            + $"or {ConnectionName}__blobServiceUri (with {ConnectionName}__clientId for a user-assigned identity) for a managed identity.");
    }

    private static DefaultAzureCredential Credential(IConfigurationSection section) =>
        section["clientId"] is { Length: > 0 } clientId
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId })
            : new DefaultAzureCredential();
}
