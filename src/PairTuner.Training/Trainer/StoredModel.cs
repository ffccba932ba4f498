using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Storage;

namespace PairTuner.Training.Trainer;

/// <summary>
/// A job whose <c>model</c> is <c>models/{runId}/</c> (a previous run's tuned model, the one store
/// path the workflow's <c>model</c> option accepts besides <c>builtin</c>) names a folder in the
/// job's store, not on the trainer's disk: it is downloaded into a local folder before the model
/// loads, because the loader reads folders. <c>onnx/</c> is left behind: the loader never reads it,
/// and for all-MiniLM-L6-v2 it doubles the download.
/// </summary>
public static class StoredModel
{
    /// <summary>Whether a <c>model</c> value names a model folder in the store (<see cref="ModelReference.IsStored"/>).</summary>
    public static bool IsStored(string? model) => ModelReference.IsStored(model);

    /// <summary>Copies the files under <paramref name="prefix"/> into <paramref name="folder"/> and returns the folder.</summary>
    public static async Task<string> DownloadAsync(IArtifactStore store, string prefix, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var files = 0;
        await foreach (var name in store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            var relative = name[prefix.Length..];
            var parts = relative.Split('/');
            if (parts.Any(p => p is "" or "." or ".."))
            {
                throw new InvalidDataException($"{name}: not a file name a model folder can hold.");
            }

            if (parts[0] == "onnx")
            {
                continue;
            }

            var path = Path.Combine([folder, .. parts]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var input = await store.OpenReadAsync(name, cancellationToken).ConfigureAwait(false);
            await using (input.ConfigureAwait(false))
            {
                var output = File.Create(path);
                await using (output.ConfigureAwait(false))
                {
                    await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                }
            }

            files++;
        }

        if (files == 0)
        {
            throw new FileNotFoundException(
                $"model '{prefix}': nothing is stored under that prefix. Give a finished run's models/{{runId}}/, or builtin.", prefix);
        }

        return folder;
    }
}
