using System.Globalization;
using PairTuner.Contracts.Storage;
using PairTuner.Training.Checkpoints;
using TorchSharp.Modules;

namespace PairTuner.Training.Selection;

/// <summary>
/// The weights of the best evaluation so far, beside the checkpoints (<c>{checkpoints}best/step-N/weights.bin</c>),
/// so that a relaunched trainer still publishes them. A new best is added without removing the
/// previous one; <see cref="PruneExceptAsync"/> removes the others once a checkpoint has made the
/// new best the one a resumed run would also find.
/// </summary>
public sealed class BestWeightsStore
{
    private const string FolderPrefix = "step-";
    private readonly IArtifactStore _store;

    public BestWeightsStore(IArtifactStore store, string prefix)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        Prefix = prefix.EndsWith('/') ? prefix : prefix + "/";
    }

    public string Prefix { get; }

    public async Task SaveAsync(long step, IEnumerable<(string Name, Parameter Parameter)> weights, CancellationToken cancellationToken = default)
    {
        var temp = Path.GetTempFileName();
        try
        {
            using (var file = File.Create(temp))
            {
                WeightsFile.Write(weights, file);
            }

            var stream = File.OpenRead(temp);
            await using (stream.ConfigureAwait(false))
            {
                await _store.WriteAsync(PathOf(step), stream, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<bool> ExistsAsync(long step, CancellationToken cancellationToken = default)
        => await _store.ExistsAsync(PathOf(step), cancellationToken).ConfigureAwait(false);

    /// <summary>Copies the weights saved at <paramref name="step"/> into <paramref name="weights"/>.</summary>
    public async Task LoadIntoAsync(long step, IEnumerable<(string Name, Parameter Parameter)> weights, CancellationToken cancellationToken = default)
    {
        var path = PathOf(step);
        if (!await _store.ExistsAsync(path, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The best evaluation's weights ({path}) are missing from the store.");
        }

        var stream = await _store.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            WeightsFile.Read(buffer.ToArray(), weights);
        }
    }

    /// <summary>Removes every saved step but <paramref name="keep"/> (null: all of them, for a fresh run).</summary>
    public async Task PruneExceptAsync(long? keep, CancellationToken cancellationToken = default)
    {
        var stale = new List<string>();
        await foreach (var path in _store.ListAsync(Prefix, cancellationToken).ConfigureAwait(false))
        {
            if (keep is null || !path.StartsWith(FolderOf(keep.Value), StringComparison.Ordinal))
            {
                stale.Add(path);
            }
        }

        foreach (var path in stale)
        {
            await _store.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
        }
    }

    private string FolderOf(long step) => Prefix + FolderPrefix + step.ToString("D9", CultureInfo.InvariantCulture) + "/";

    private string PathOf(long step) => FolderOf(step) + CheckpointStore.WeightsFile;
}
