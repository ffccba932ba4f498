namespace PairTuner.Workflow.Storage;

/// <summary>
/// Where the storage account is. Locally one setting, the environment variable
/// <c>PAIRTUNER_STORAGE</c> (a connection string); unset means Azurite on its default ports. In
/// Azure there is no connection string: <c>PAIRTUNER_STORAGE__blobServiceUri</c> (and
/// <c>PAIRTUNER_STORAGE__clientId</c> for a user-assigned identity) name the account, reached with
/// a managed identity, the same shape as a Functions identity-based connection.
/// </summary>
public sealed record StorageSettings(string ConnectionString, bool IsDefault, Uri? BlobServiceUri = null, string? ClientId = null)
{
    public const string Variable = "PAIRTUNER_STORAGE";
    public const string BlobServiceUriVariable = Variable + "__blobServiceUri";
    public const string ClientIdVariable = Variable + "__clientId";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>Azurite's published well-known development account key (not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>True when the account is reached with a managed identity rather than a connection string.</summary>
    public bool UsesIdentity => BlobServiceUri is not null;

    public static StorageSettings FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    /// <summary>The same rules over any source of variables (tests, configuration).</summary>
    public static StorageSettings FromVariables(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var value = variable(Variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return new StorageSettings(value.Trim(), IsDefault: false);
        }

        var uri = variable(BlobServiceUriVariable);
        if (!string.IsNullOrWhiteSpace(uri))
        {
            if (!Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var blobServiceUri) || blobServiceUri.Scheme != Uri.UriSchemeHttps)
            {
                throw new InvalidOperationException($"{BlobServiceUriVariable} must be the account's https blob endpoint, e.g. https://<account>.blob.core.windows.net/.");
            }

            var clientId = variable(ClientIdVariable);
            return new StorageSettings(string.Empty, IsDefault: false, blobServiceUri, string.IsNullOrWhiteSpace(clientId) ? null : clientId.Trim());
        }

        return new StorageSettings(DevelopmentStorage, IsDefault: true);
    }

    /// <summary>The connection string of an Azurite listening on 127.0.0.1 at <paramref name="blobPort"/> (queue +1, table +2).</summary>
    public static StorageSettings ForAzurite(int blobPort) => ForAzurite(blobPort, blobPort + 1, blobPort + 2);

    /// <summary>The connection string of an Azurite listening on 127.0.0.1 at these three ports.</summary>
    public static StorageSettings ForAzurite(int blobPort, int queuePort, int tablePort) => new(
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;",
        IsDefault: false);

    /// <summary>Never print a connection string: it may hold an account key.</summary>
    public override string ToString() =>
        IsDefault ? $"{Variable} unset (Azurite on 127.0.0.1:10000)"
        : UsesIdentity ? $"{BlobServiceUri} (managed identity)"
        : $"{Variable} (set)";
}
