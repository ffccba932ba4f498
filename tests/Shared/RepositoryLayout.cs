namespace PairTuner.Tests;

/// <summary>
/// Where the repository and its test data are, seen from a test's output folder: the repository
/// root is the folder holding Functions.sln, and the data the tests read lives in
/// <c>tests/data</c> (sources and licences in its README), so a fresh clone tests itself.
/// </summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A file under <c>tests/data</c>, e.g. <c>TestData("stsb", "dev.jsonl")</c>; throws naming the path when it is missing.</summary>
    public static string TestData(params string[] parts)
    {
        var path = Path.Combine([Root, "tests", "data", .. parts]);
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' is missing: the tests read their data from tests/data in the repository.", path);
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
