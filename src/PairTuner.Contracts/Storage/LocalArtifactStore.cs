using System.Runtime.CompilerServices;

namespace PairTuner.Contracts.Storage;

/// <summary>An <see cref="IArtifactStore"/> over a local folder: <c>container/name</c> is a relative path.</summary>
public sealed class LocalArtifactStore : IArtifactStore
{
    private readonly string _root;

    public LocalArtifactStore(string root)
    {
        _root = Path.GetFullPath(root);
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = Resolve(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Artifact '{path}' does not exist under '{_root}'.", full);
        }

        return Task.FromResult<Stream>(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));
    }

    public async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken = default)
    {
        var full = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Write beside, then rename: a reader sees the old file or the new one, never half of one.
        var temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 1 << 16,
            Options = FileOptions.Asynchronous,

            // Known sizes (shards, splits) get their blocks in one go rather than page by page.
            PreallocationSize = content.CanSeek ? content.Length - content.Position : 0,
        };
        await using (var file = new FileStream(temp, options))
        {
            await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, full, overwrite: true);
    }

    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
        => Task.FromResult(File.Exists(Resolve(path)));

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var dir = Resolve(prefix.EndsWith('/') ? prefix : Path.GetDirectoryName(prefix.Replace('\\', '/')) ?? string.Empty);
        if (!Directory.Exists(dir))
        {
            yield break;
        }

        var names = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/'))
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        File.Delete(Resolve(path));
        return Task.CompletedTask;
    }

    private string Resolve(string path)
    {
        var full = Path.GetFullPath(Path.Combine(_root, path));
        if (!full.StartsWith(_root, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Artifact path '{path}' leaves the store's folder.", nameof(path));
        }

        return full;
    }
}
