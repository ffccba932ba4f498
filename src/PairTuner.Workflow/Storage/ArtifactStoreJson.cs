using System.Text.Json;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Serialization;

namespace PairTuner.Workflow.Storage;

/// <summary>Reads and writes PairTuner's JSON files (one shape: <see cref="PairTunerJson"/>) through any store.</summary>
public static class ArtifactStoreJson
{
    public static async Task WriteJsonAsync<T>(this IArtifactStore store, string path, T value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var buffer = new MemoryStream();
        await JsonSerializer.SerializeAsync(buffer, value, PairTunerJson.Options, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        await store.WriteAsync(path, buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <returns>The value, or default when the artifact does not exist.</returns>
    public static async Task<T?> ReadJsonAsync<T>(this IArtifactStore store, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!await store.ExistsAsync(path, cancellationToken).ConfigureAwait(false))
        {
            return default;
        }

        try
        {
            await using var stream = await store.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync<T>(stream, PairTunerJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return default;
        }
    }
}
