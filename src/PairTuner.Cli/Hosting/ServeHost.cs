using PairTuner.Workflow.Api;
using PairTuner.Workflow.Runs;

namespace PairTuner.Cli.Hosting;

/// <summary><c>pairtuner serve</c>'s parts on a <see cref="LocalSession"/>: the pairs/ watcher and the HTTP API.</summary>
public sealed class ServeHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _watching;

    private ServeHost(ApiServer api, PairsWatcher watcher, CancellationTokenSource stop)
    {
        Api = api;
        Watcher = watcher;
        _stop = stop;
        _watching = watcher.RunAsync(stop.Token);
    }

    public ApiServer Api { get; }

    public PairsWatcher Watcher { get; }

    /// <param name="watchPrefix">Watch only the pairs/ blobs whose name starts with this (all by default).</param>
    public static async Task<ServeHost> StartAsync(
        LocalSession session, int port, TimeSpan watchInterval, Action<RunStart>? onStarted = null, string watchPrefix = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var starter = new PairsRunStarter(session.Hub.Client, session.Hub.Store.Service);
        var api = await ApiServer.StartAsync(new RunsApi(session.Hub.Client, starter), new RunFilesApi(session.Hub.Store.Service), port, cancellationToken).ConfigureAwait(false);
        var watcher = new PairsWatcher(session.Hub.Store.Service, starter) { Interval = watchInterval, Prefix = watchPrefix };
        if (onStarted is not null)
        {
            watcher.Started += onStarted;
        }

        return new ServeHost(api, watcher, new CancellationTokenSource());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _watching.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked.
        }

        await Api.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
