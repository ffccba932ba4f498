namespace PairTuner.Workflow.Storage;

/// <summary>
/// Where the storage account is. Locally one setting, the environment variable
/// <c>PAIRTUNER_STORAGE</c> (a connection string); unset means Azurite on its default ports.
/// </summary>
public sealed record StorageSettings(string ConnectionString, bool IsDefault)
{
    public const string Variable = "PAIRTUNER_STORAGE";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>Azurite's published well-known development account key (not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFr4hxMsStmEbFtWhEyJw==";

    public static StorageSettings FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        return string.IsNullOrWhiteSpace(value)
            ? new StorageSettings(DevelopmentStorage, IsDefault: true)
            : new StorageSettings(value.Trim(), IsDefault: false);
    }

    /// <summary>The connection string of an Azurite listening on 127.0.0.1 at <paramref name="blobPort"/> (queue +1, table +2).</summary>
    public static StorageSettings ForAzurite(int blobPort) => new(
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{blobPort + 1}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{blobPort + 2}/devstoreaccount1;",
        IsDefault: false);

    /// <summary>Never print a connection string: it may hold an account key.</summary>
    public override string ToString() => IsDefault ? $"{Variable} unset (Azurite on 127.0.0.1:10000)" : $"{Variable} (set)";
}
