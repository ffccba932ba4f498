using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace PairTuner.Workflow.Storage;

/// <summary>
/// Where the storage account of <c>pairs/</c>, <c>runs/</c> and <c>models/</c> is: the one reader of
/// the storage settings, shared by the Functions app, the local host (<c>pairtuner serve</c> and
/// <c>run</c>) and the trainer, so all three find the same account by the same rules, in order:
/// <list type="number">
/// <item><c>PAIRTUNER_STORAGE</c> holding a connection string (<c>UseDevelopmentStorage=true</c> for
/// Azurite) is used as is, and wins over the identity form below.</item>
/// <item><c>PAIRTUNER_STORAGE</c> holding a bare https endpoint
/// (<c>https://account.blob.core.windows.net/</c>) means that account, reached with a managed identity.</item>
/// <item><c>PAIRTUNER_STORAGE__blobServiceUri</c>, an https endpoint, is the same with the shape of a
/// Functions identity-based connection (what infra sets, as the blob triggers' <c>Connection</c> reads it).</item>
/// <item>With either identity form, <c>PAIRTUNER_STORAGE__clientId</c> picks a user-assigned identity.</item>
/// <item>Nothing set means Azurite on its default ports for the local host and the trainer; the
/// Functions app refuses to start instead (<see cref="RequireConfigured"/>), because in Azure there
/// is no Azurite and the fallback would only fail later, as a refused connection to 127.0.0.1.</item>
/// </list>
/// In <see cref="IConfiguration"/> (the Functions app's settings) the same names are read with
/// <c>:</c> where environment variables have <c>__</c>. An endpoint must be https: the SDK sends
/// identity tokens over TLS only. <c>AzureWebJobsStorage</c> is the Functions host's own (Durable's
/// task hub) and is not read here.
/// </summary>
public sealed record StorageSettings(string ConnectionString, bool IsDefault, Uri? BlobServiceUri = null, string? ClientId = null)
{
    /// <summary>The setting naming the storage account, and the blob triggers' <c>Connection</c>.</summary>
    public const string Variable = "PAIRTUNER_STORAGE";
    public const string BlobServiceUriVariable = Variable + "__blobServiceUri";
    public const string ClientIdVariable = Variable + "__clientId";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>Azurite's published well-known development account key (not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>True when the account is reached with a managed identity rather than a connection string.</summary>
    public bool UsesIdentity => BlobServiceUri is not null;

    public static StorageSettings FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    /// <summary>The same rules over app settings, where <c>PAIRTUNER_STORAGE__clientId</c> is the key <c>PAIRTUNER_STORAGE:clientId</c>.</summary>
    public static StorageSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return FromVariables(name => configuration[name.Replace("__", ":", StringComparison.Ordinal)]);
    }

    /// <summary>The rules above over any source of variables named as environment variables (tests, configuration).</summary>
    public static StorageSettings FromVariables(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var value = variable(Variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            value = value.Trim();

            // Every connection string has '='; a bare endpoint has none.
            return value.Contains('=', StringComparison.Ordinal)
                ? new StorageSettings(value, IsDefault: false)
                : Identity(value, Variable, variable);
        }

        var uri = variable(BlobServiceUriVariable);
        return string.IsNullOrWhiteSpace(uri)
            ? new StorageSettings(DevelopmentStorage, IsDefault: true)
            : Identity(uri.Trim(), BlobServiceUriVariable, variable);
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

    /// <summary>These settings, or an error naming what to set when nothing was (the Functions app's rule).</summary>
    public StorageSettings RequireConfigured() => IsDefault
        ? throw new InvalidOperationException(
            $"No storage configured: set the app setting {Variable} to a connection string (UseDevelopmentStorage=true for Azurite), "
            + $"or {BlobServiceUriVariable} (with {ClientIdVariable} for a user-assigned identity) for a managed identity.")
        : this;

    /// <summary>A client of the account: by connection string, or by endpoint with a managed identity (no key anywhere).</summary>
    public BlobServiceClient CreateClient() => BlobServiceUri is { } uri
        ? new BlobServiceClient(uri, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ClientId }))
        : new BlobServiceClient(ConnectionString);

    /// <summary>
    /// The environment variables that make a child process (a trainer) read these same settings;
    /// empty for the default, which the child falls back to by itself.
    /// </summary>
    public IReadOnlyDictionary<string, string> ToVariables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (BlobServiceUri is { } uri)
        {
            variables[BlobServiceUriVariable] = uri.ToString();
            if (ClientId is { } clientId)
            {
                variables[ClientIdVariable] = clientId;
            }
        }
        else if (!IsDefault)
        {
            variables[Variable] = ConnectionString;
        }

        return variables;
    }

    /// <summary>Never print a connection string: it may hold an account key.</summary>
    public override string ToString() =>
        IsDefault ? $"{Variable} unset (Azurite on 127.0.0.1:10000)"
        : UsesIdentity ? $"{BlobServiceUri} (managed identity)"
        : $"{Variable} (set)";

    private static StorageSettings Identity(string endpoint, string setting, Func<string, string?> variable)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var blobServiceUri) || blobServiceUri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException(
                $"{setting} must be a connection string or the account's https blob endpoint, e.g. https://<account>.blob.core.windows.net/; got '{endpoint}'.");
        }

        var clientId = variable(ClientIdVariable);
        return new StorageSettings(string.Empty, IsDefault: false, blobServiceUri, string.IsNullOrWhiteSpace(clientId) ? null : clientId.Trim());
    }
}
