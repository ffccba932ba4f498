namespace PairTuner.Training.ModelIO.Folders;

/// <summary>
/// Writes a folder next to its destination and renames it into place, so that a reader (or a
/// concurrent writer of the same cache entry) sees either nothing or the whole folder.
/// </summary>
public static class AtomicFolder
{
    /// <summary>
    /// Runs <paramref name="write"/> on a fresh staging folder beside <paramref name="target"/>, then
    /// moves it to <paramref name="target"/>, replacing what was there. Returns <paramref name="target"/>.
    /// </summary>
    public static string Write(string target, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        target = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
            Replace(staging, target);
            return target;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// Like <see cref="Write"/>, but where <paramref name="target"/> already exists (another process
    /// finished first) keeps that one and discards this copy: for caches whose entries never change.
    /// </summary>
    public static string WriteOnce(string target, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        target = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        if (Directory.Exists(target))
        {
            return target;
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Lost the race to another writer of the same entry; theirs is complete too.
            }

            return target;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void Replace(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        // Directory.Move cannot replace; move the old one aside first so the window without a
        // folder at the target is one rename long, then delete it.
        var parent = Path.GetDirectoryName(target)!;
        var old = Path.Combine(parent, $".{Path.GetFileName(target)}.old-{Guid.NewGuid():N}");
        Directory.Move(target, old);
        Directory.Move(staging, target);
        Directory.Delete(old, recursive: true);
    }
}
