using System.Collections.Concurrent;
using Azure.Storage.Blobs;

namespace PairTuner.Workflow.Storage;

/// <summary>
/// Creates blob containers at most once per client: the first call for a container sends Create
/// Container (if not exists), later calls await that same request. A request that failed or was
/// cancelled is sent again by the next call, and <see cref="Forget"/> makes the next call send it
/// again for a container deleted meanwhile.
/// </summary>
internal sealed class BlobContainers(BlobServiceClient service)
{
    private readonly ConcurrentDictionary<string, Task> _created = new(StringComparer.Ordinal);

    public Task EnsureAsync(string container, CancellationToken cancellationToken)
    {
        // Not the caller's token: the request is shared with every later caller.
        var created = _created.AddOrUpdate(
            container,
            Create,
            (name, earlier) => earlier.IsFaulted || earlier.IsCanceled ? Create(name) : earlier);
        return created.WaitAsync(cancellationToken);
    }

    public void Forget(string container) => _created.TryRemove(container, out _);

    private Task Create(string container)
        => service.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
}
