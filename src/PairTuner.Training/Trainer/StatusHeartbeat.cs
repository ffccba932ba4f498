using System.Text.Json;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Serialization;

namespace PairTuner.Training.Trainer;

/// <summary>
/// Rewrites a job's <c>status.json</c> every <see cref="Interval"/> while the trainer runs, and at
/// once on every stage change, so the workflow's monitor can tell a slow trainer from a dead one.
/// Also flushes extra artifacts (the training log) on the same beat. The beat runs on the thread
/// pool; training runs on its own thread and only swaps the status record.
/// </summary>
public sealed class StatusHeartbeat : IAsyncDisposable
{
    private readonly IArtifactStore _store;
    private readonly string _path;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private TrainerStatus _status;
    private Task? _loop;

    public StatusHeartbeat(IArtifactStore store, string path, TrainerStatus initial, TimeSpan interval)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
        _status = initial ?? throw new ArgumentNullException(nameof(initial));
        Interval = interval;
    }

    public TimeSpan Interval { get; }

    public TrainerStatus Current => Volatile.Read(ref _status);

    /// <summary>Extra work done on every beat (after the status is written), e.g. uploading the training log.</summary>
    public Func<CancellationToken, Task>? OnBeat { get; init; }

    public void Start()
    {
        _loop ??= Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await WriteAsync(CancellationToken.None).ConfigureAwait(false);
                    await Task.Delay(Interval, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or HttpRequestException or UnauthorizedAccessException)
                {
                    // A missed beat is not fatal: the next one retries. Training must not die of a storage hiccup.
                    Console.Error.WriteLine($"pairtuner: could not write {_path}: {e.Message}");
                }
            }
        });
    }

    /// <summary>Changes the status; the next beat writes it.</summary>
    public void Update(Func<TrainerStatus, TrainerStatus> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        TrainerStatus before, after;
        do
        {
            before = Volatile.Read(ref _status);
            after = change(before) with { UpdatedAt = DateTimeOffset.UtcNow };
        }
        while (!ReferenceEquals(Interlocked.CompareExchange(ref _status, after, before), before));
    }

    /// <summary>Changes the status and writes it now.</summary>
    public async Task SetAsync(Func<TrainerStatus, TrainerStatus> change, CancellationToken cancellationToken = default)
    {
        Update(change);
        await WriteAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(Current, PairTunerJson.Options));
            await _store.WriteAsync(_path, content, cancellationToken).ConfigureAwait(false);
            if (OnBeat is not null)
            {
                await OnBeat(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
        _writeLock.Dispose();
    }
}
