using Microsoft.Extensions.Hosting;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// A host lifetime that ignores Ctrl+C: the command decides when the local host stops, so a
/// Ctrl+C can first cancel the run and stop its trainer through the still-running task hub.
/// (The default console lifetime would tear the gRPC server down under the cancel.)
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
