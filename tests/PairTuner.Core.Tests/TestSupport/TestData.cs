using PairTuner.Tests;

namespace PairTuner.Core.Tests.TestSupport;

/// <summary>The shared datasets (<c>../shared/data</c> next to the repository root, see <see cref="RepositoryLayout"/>).</summary>
internal static class TestData
{
    public static string Dataset(string relative) => RepositoryLayout.SharedFile("data", relative);

    /// <summary>The first <paramref name="count"/> lines of a dataset file.</summary>
    public static string[] Lines(string relative, int count) => File.ReadLines(Dataset(relative)).Take(count).ToArray();
}
