using System.Text.Json;
using PairTuner.Core.Pairs;

namespace PairTuner.Training.Tests.Evaluation;

/// <summary>Reads the JSON Lines datasets of tests/data (<c>text1</c>, <c>text2</c>, optional <c>score</c>) for tests.</summary>
internal static class JsonlPairs
{
    public static string TestData(string relative)
        => PairTuner.Tests.RepositoryLayout.TestData(relative.Split('/'));

    public static IReadOnlyList<Pair> Read(string path, int? limit = null)
    {
        var pairs = new List<Pair>();
        foreach (var line in File.ReadLines(path))
        {
            if (limit is not null && pairs.Count >= limit)
            {
                break;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            double? score = root.TryGetProperty("score", out var s) ? s.GetDouble() : null;
            pairs.Add(new Pair(root.GetProperty("text1").GetString()!, root.GetProperty("text2").GetString()!, score));
        }

        return pairs;
    }
}
