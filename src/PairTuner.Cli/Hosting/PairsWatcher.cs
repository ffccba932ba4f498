using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PairTuner.Workflow.Runs;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// <c>pairtuner serve</c>'s trigger: lists <c>pairs/</c> every second and starts a run for
/// each (name, ETag) it has not seen. The run id comes from name + ETag, so a blob seen again
/// after a restart of the watcher is the same run (the starter does not start it twice) and the
/// same name uploaded again with new content is a new run.
/// </summary>
public sealed class PairsWatcher(BlobServiceClient blobs, PairsRunStarter starter, ILogger? logger = null)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>
    /// Time between scans, and so the longest an upload waits before its run starts. A scan is one
    /// List Blobs call, so 1 s costs next to nothing on Azurite or an account.
    /// </summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary><c>pairtuner serve</c>'s default scan interval.</summary>
    public static TimeSpan DefaultInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Only blobs whose name starts with this are watched (all of <c>pairs/</c> by default).</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>Told every upload it started or found started already.</summary>
    public event Action<RunStart>? Started;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(BlobNames.PairsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped in the middle of a scan: a normal stop, not a failure.
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage hiccups must not stop the watcher; the next scan retries what this one missed.
                _logger.LogWarning(e, "Scanning pairs/ failed; retrying in {Interval}.", Interval);
            }

            try
            {
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over <c>pairs/</c>; returns the runs it started or found.</summary>
    public async Task<IReadOnlyList<RunStart>> ScanAsync(CancellationToken cancellationToken = default)
    {
        var container = blobs.GetBlobContainerClient(BlobNames.PairsContainer);
        var starts = new List<RunStart>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, Prefix.Length == 0 ? null : Prefix, cancellationToken).ConfigureAwait(false))
        {
            var key = blob.Name + "|" + blob.Properties.ETag;
            if (_seen.Contains(key))
            {
                continue;
            }

            if (BlobNames.Problem(blob.Name) is { } problem)
            {
                _logger.LogWarning("Skipping pairs/{Name}: {Problem}.", blob.Name, problem);
                _seen.Add(key);
                continue;
            }

            // The listing carries the ETag and metadata (the run's options), so the starter need not ask again.
            var start = await starter.StartForUploadAsync(blob.Name, blob.Properties.ETag!.Value, blob.Metadata, cancellationToken).ConfigureAwait(false);
            _seen.Add(key);
            starts.Add(start);
            Started?.Invoke(start);
        }

        return starts;
    }
}
