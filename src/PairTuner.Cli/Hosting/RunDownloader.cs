using PairTuner.Contracts.Runs;
using PairTuner.Contracts.Storage;
using PairTuner.Workflow.Runs;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// Copies a finished run's model folder and its report files out of storage into a local folder,
/// so the results outlive an Azurite that <c>pairtuner run</c> started and stops.
/// </summary>
public static class RunDownloader
{
    public static async Task<int> DownloadAsync(IArtifactStore store, string runId, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var paths = new RunPaths(runId);
        var files = 0;
        await foreach (var path in store.ListAsync(paths.Model, cancellationToken).ConfigureAwait(false))
        {
            await CopyAsync(store, path, Path.Combine(folder, RunPaths.LocalModelFolder, path[paths.Model.Length..]), cancellationToken).ConfigureAwait(false);
            files++;
        }

        foreach (var path in new[] { paths.EvalReport, paths.ReportHtml, paths.Summary, paths.Validation, paths.TrainingLog })
        {
            if (await store.ExistsAsync(path, cancellationToken).ConfigureAwait(false))
            {
                await CopyAsync(store, path, Path.Combine(folder, Path.GetFileName(path)), cancellationToken).ConfigureAwait(false);
                files++;
            }
        }

        return files;
    }

    private static async Task CopyAsync(IArtifactStore store, string path, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        await using var source = await store.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        await using var file = File.Create(target);
        await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
    }
}
