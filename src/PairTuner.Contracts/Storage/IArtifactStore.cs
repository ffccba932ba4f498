namespace PairTuner.Contracts.Storage;

/// <summary>
/// Where run artifacts live, addressed as <c>container/name</c>: Azure Blob Storage (Azurite
/// locally) in the workflow, a local folder for <c>pairtuner train --out</c> and tests.
/// </summary>
public interface IArtifactStore
{
    Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Writes the whole content; readers never see a half-written artifact.</summary>
    Task WriteAsync(string path, Stream content, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Paths under a prefix (<c>container/dir/</c>), in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default);

    Task DeleteAsync(string path, CancellationToken cancellationToken = default);
}
