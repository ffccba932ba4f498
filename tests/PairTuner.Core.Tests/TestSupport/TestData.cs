namespace PairTuner.Core.Tests.TestSupport;

/// <summary>Finds the repository root (the folder with Functions.sln) and the shared datasets beside it.</summary>
internal static class TestData
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>../shared/data</c> relative to the repository root, where CI puts a copy of shared/.</summary>
    public static string DataDir
    {
        get
        {
            var dir = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));
            if (!Directory.Exists(dir))
            {
                throw new DirectoryNotFoundException($"The shared datasets are expected at '{dir}' (../shared/data next to the repository).");
            }

            return dir;
        }
    }

    public static string Dataset(string relative) => Path.Combine(DataDir, relative);

    /// <summary>The first <paramref name="count"/> lines of a dataset file.</summary>
    public static string[] Lines(string relative, int count) => File.ReadLines(Dataset(relative)).Take(count).ToArray();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above '{AppContext.BaseDirectory}'.");
    }
}
