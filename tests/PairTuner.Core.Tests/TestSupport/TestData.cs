using PairTuner.Tests;

namespace PairTuner.Core.Tests.TestSupport;

/// <summary>The datasets in <c>tests/data</c> (sources and licences in its README), by path relative to it: <c>stsb/train.jsonl</c>.</summary>
internal static class TestData
{
    public static string Dataset(string relative) => RepositoryLayout.TestData(relative.Split('/'));

    /// <summary>The first <paramref name="count"/> lines of a dataset file.</summary>
    public static string[] Lines(string relative, int count) => File.ReadLines(Dataset(relative)).Take(count).ToArray();
}
