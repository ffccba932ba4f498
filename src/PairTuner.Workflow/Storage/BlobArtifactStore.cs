using System.Runtime.CompilerServices;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using Azure.Storage;
using Azure;
using PairTuner.Contracts.Storage;

namespace PairTuner.Workflow.Storage;

/// <summary>
/// <see cref="IArtifactStore"/> over Azure Blob Storage (Azurite locally): <c>container/name</c>
/// is a blob in a container, and containers are created on first write. An upload commits its
/// blocks at once, so readers never see half of an artifact.
/// </summary>
public sealed class BlobArtifactStore : IArtifactStore
{
    private readonly BlobContainers _containers;

    public BlobArtifactStore(BlobServiceClient service)
    {
        Service = service ?? throw new ArgumentNullException(nameof(service));
        _containers = new BlobContainers(service);
    }

    public BlobServiceClient Service { get; }

    /// <summary>How uploads are cut into blocks and how many go at once (<see cref="DefaultTransferOptions"/>).</summary>
    public StorageTransferOptions TransferOptions { get; init; } = DefaultTransferOptions;

    /// <summary>
    /// Bytes per range request when reading (8 MiB: a typical shard in one or two requests, few
    /// round trips for a large pairs file).
    /// </summary>
    public int ReadBufferSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>
    /// Artifacts up to 32 MiB (shards, splits, reports) go in one Put Blob request; larger ones
    /// (models, big pairs files) in 8 MiB blocks, four at a time. Every block is a request, and
    /// Azurite in particular is far slower per block than per byte: 4 MiB blocks halved its
    /// throughput against one request per shard.
    /// </summary>
    public static StorageTransferOptions DefaultTransferOptions { get; } = new()
    {
        InitialTransferSize = 32 * 1024 * 1024,
        MaximumTransferSize = 8 * 1024 * 1024,
        MaximumConcurrency = 4,
    };

    /// <summary>From <see cref="StorageSettings"/>: <c>PAIRTUNER_STORAGE</c>, its identity-based form, or its default.</summary>
    public static BlobArtifactStore FromSettings(StorageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.CreateClient());
    }

    public BlobClient Blob(string path)
    {
        var (container, name) = Split(path);
        return Service.GetBlobContainerClient(container).GetBlobClient(name);
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            // The SDK's streaming read, pinned to the ETag it first sees: a blob replaced mid-read
            // fails the read (412) instead of mixing two versions.
            var options = new BlobOpenReadOptions(allowModifications: false) { BufferSize = ReadBufferSize };
            return await Blob(path).OpenReadAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"Artifact '{path}' does not exist in {Service.Uri}.", path, e);
        }
    }

    public async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (container, _) = Split(path);
        await EnsureContainerAsync(container, cancellationToken).ConfigureAwait(false);
        // No conditions: an upload replaces what is there, as overwrite: true would.
        await Blob(path).UploadAsync(content, new BlobUploadOptions { TransferOptions = TransferOptions }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await Blob(path).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var slash = prefix.IndexOf('/', StringComparison.Ordinal);
        var container = slash < 0 ? prefix : prefix[..slash];
        var namePrefix = slash < 0 ? string.Empty : prefix[(slash + 1)..];
        var client = Service.GetBlobContainerClient(container);
        if (!(await client.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value)
        {
            yield break;
        }

        // Blob listings come back in ordinal (UTF-8 byte) order already, as the contract asks.
        await foreach (var item in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, namePrefix, cancellationToken).ConfigureAwait(false))
        {
            yield return $"{container}/{item.Name}";
        }
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
        => await Blob(path).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Creates a container once per store (the first writer waits, later ones do not ask again).</summary>
    public Task EnsureContainerAsync(string container, CancellationToken cancellationToken = default)
        => _containers.EnsureAsync(container, cancellationToken);

    private static (string Container, string Name) Split(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == path.Length - 1)
        {
            throw new ArgumentException($"Artifact path '{path}' must be 'container/name'.", nameof(path));
        }

        return (path[..slash], path[(slash + 1)..]);
    }
}
