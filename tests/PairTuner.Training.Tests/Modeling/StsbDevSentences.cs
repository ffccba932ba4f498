using System.Text.Json;

namespace PairTuner.Training.Tests.Modeling;

/// <summary>Distinct sentences of ../shared/data/stsb/dev.jsonl (next to the folder holding Functions.sln), in file order.</summary>
internal static class StsbDevSentences
{
    public static IReadOnlyList<string> Take(int count)
    {
        var sentences = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path()))
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

    public static string Path()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Functions.sln")))
            {
                var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data", "stsb", "dev.jsonl"));
                return File.Exists(path) ? path : throw new FileNotFoundException($"'{path}' is missing: tests expect the shared/ folder next to the repository root.", path);
            }
        }

        throw new InvalidOperationException($"No Functions.sln above '{AppContext.BaseDirectory}'.");
    }
}
