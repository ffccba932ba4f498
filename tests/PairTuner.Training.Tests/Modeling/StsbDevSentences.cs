using System.Text.Json;
using PairTuner.Tests;

namespace PairTuner.Training.Tests.Modeling;

/// <summary>Distinct sentences of tests/data's STS-B dev rows, in file order.</summary>
internal static class StsbDevSentences
{
    public static IReadOnlyList<string> Take(int count)
    {
        var sentences = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(RepositoryLayout.TestData("stsb", "dev.jsonl")))
        {
            using var row = JsonDocument.Parse(line);
            foreach (var key in new[] { "text1", "text2" })
            {
                var text = row.RootElement.GetProperty(key).GetString()!;
                if (seen.Add(text)) sentences.Add(text);
                if (sentences.Count == count) return sentences;
            }
        }

        return sentences;
    }
}
