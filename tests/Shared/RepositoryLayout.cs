namespace PairTuner.Tests;

/// <summary>
/// Where the repository and the shared datasets are, seen from a test's output folder: the
/// repository root is the folder holding Functions.sln, and shared/ (datasets, schemas) sits next
/// to it, as in a developer's checkout and in CI's clean clone.
/// </summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string SharedFile(params string[] parts)
    {
        var path = Path.Combine([Shared, .. parts]);
        if (!System.IO.File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' is missing: tests expect the shared/ folder next to the repository root.", path);
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above '{AppContext.BaseDirectory}'.");
    }
}
