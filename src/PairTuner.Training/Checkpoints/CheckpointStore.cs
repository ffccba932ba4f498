using System.Globalization;
using System.Text.Json;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Serialization;

namespace PairTuner.Training.Checkpoints;

/// <summary>
/// Checkpoints under a prefix of an <see cref="IArtifactStore"/> (a local folder, or
/// <c>runs/{id}/checkpoints/</c> in blob storage): one folder per checkpoint,
/// <c>step-000000500/</c>, holding <c>weights.bin</c>, <c>optimizer.bin</c>, <c>trainer_state.json</c>
/// and, written last, the <c>COMPLETE</c> marker. A folder without the marker (the trainer died while
/// writing it) is never loaded and is deleted by the next prune. The newest <see cref="Keep"/>
/// complete checkpoints are kept.
/// </summary>
public sealed class CheckpointStore
{
    public const string WeightsFile = "weights.bin";
    public const string OptimizerFile = "optimizer.bin";
    public const string StateFile = "trainer_state.json";
    public const string CompleteMarker = "COMPLETE";
    private const string FolderPrefix = "step-";

    private readonly IArtifactStore _store;

    public CheckpointStore(IArtifactStore store, string prefix, int keep = 2)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        Prefix = prefix.EndsWith('/') ? prefix : prefix + "/";
        Keep = keep;
    }

    public string Prefix { get; }

    /// <summary>The store the checkpoints live in (the best evaluation's weights are kept beside them).</summary>
    public IArtifactStore Store => _store;

    public int Keep { get; }

    /// <summary>Stores a checkpoint: the two streams are read to their end, then the state, then the completion marker.</summary>
    public async Task<string> SaveAsync(CheckpointState state, Stream weights, Stream optimizerState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(optimizerState);
        var folder = Prefix + FolderPrefix + state.Step.ToString("D9", CultureInfo.InvariantCulture) + "/";

        // A rewrite of the same step (a resumed run reaching it again) first withdraws the marker.
        if (await _store.ExistsAsync(folder + CompleteMarker, cancellationToken).ConfigureAwait(false))
        {
            await _store.DeleteAsync(folder + CompleteMarker, cancellationToken).ConfigureAwait(false);
        }

        await _store.WriteAsync(folder + WeightsFile, weights, cancellationToken).ConfigureAwait(false);
        await _store.WriteAsync(folder + OptimizerFile, optimizerState, cancellationToken).ConfigureAwait(false);
        await WriteAsync(folder + StateFile, JsonSerializer.SerializeToUtf8Bytes(state, PairTunerJson.Options), cancellationToken).ConfigureAwait(false);
        await WriteAsync(folder + CompleteMarker, "complete\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);

        await PruneAsync(cancellationToken).ConfigureAwait(false);
        return folder;
    }

    /// <summary>The newest complete checkpoint, or null when there is none.</summary>
    public async Task<Checkpoint?> LoadLatestAsync(CancellationToken cancellationToken = default)
    {
        var folders = await ListAsync(cancellationToken).ConfigureAwait(false);
        var latest = folders.Where(f => f.Complete).OrderByDescending(f => f.Step).FirstOrDefault();
        if (latest is null)
        {
            return null;
        }

        var stateBytes = await ReadAsync(latest.Folder + StateFile, cancellationToken).ConfigureAwait(false);
        var state = JsonSerializer.Deserialize<CheckpointState>(stateBytes, PairTunerJson.Options)
                    ?? throw new InvalidDataException($"Checkpoint state '{latest.Folder}{StateFile}' is empty.");
        var weights = await ReadAsync(latest.Folder + WeightsFile, cancellationToken).ConfigureAwait(false);
        var optimizer = await ReadAsync(latest.Folder + OptimizerFile, cancellationToken).ConfigureAwait(false);
        return new Checkpoint(latest.Folder, state, weights, optimizer);
    }

    /// <summary>Checkpoint folders under the prefix, complete or not, by step.</summary>
    public async Task<IReadOnlyList<CheckpointFolder>> ListAsync(CancellationToken cancellationToken = default)
    {
        var folders = new Dictionary<string, CheckpointFolder>(StringComparer.Ordinal);
        await foreach (var path in _store.ListAsync(Prefix, cancellationToken).ConfigureAwait(false))
        {
            var rest = path[Prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !rest.StartsWith(FolderPrefix, StringComparison.Ordinal)
                || !long.TryParse(rest.AsSpan(FolderPrefix.Length, slash - FolderPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var step))
            {
                continue;
            }

            var folder = Prefix + rest[..(slash + 1)];
            var entry = folders.GetValueOrDefault(folder) ?? new CheckpointFolder(folder, step, false, []);
            var file = rest[(slash + 1)..];
            folders[folder] = entry with
            {
                Complete = entry.Complete || file == CompleteMarker,
                Files = [.. entry.Files, path],
            };
        }

        return folders.Values.OrderBy(f => f.Step).ToArray();
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var folders = await ListAsync(cancellationToken).ConfigureAwait(false);
        var keep = folders.Where(f => f.Complete).OrderByDescending(f => f.Step).Take(Keep).ToHashSet();
        var newest = keep.Count == 0 ? long.MinValue : keep.Max(f => f.Step);
        foreach (var folder in folders)
        {
            // Older complete ones beyond Keep go; so do half-written ones older than the newest complete one.
            if (keep.Contains(folder) || (!folder.Complete && folder.Step > newest))
            {
                continue;
            }

            // The marker goes first, so a folder is never complete with files missing.
            foreach (var file in folder.Files.OrderBy(f => f.EndsWith(CompleteMarker, StringComparison.Ordinal) ? 0 : 1))
            {
                await _store.DeleteAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        await _store.WriteAsync(path, stream, cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = await _store.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
