using System.Text.Json;
using System.Text.Json.Serialization;

namespace PairTuner.Training.Tests.Tokenization;

/// <summary>One line of golden.jsonl: a text and the ids Hugging Face's tokenizers gives it.</summary>
public sealed record GoldenSentence(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("ids")] int[] Ids)
{
    public static IReadOnlyList<GoldenSentence> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Tokenization", "golden", "golden.jsonl");
        var sentences = new List<GoldenSentence>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            sentences.Add(JsonSerializer.Deserialize<GoldenSentence>(line)
                ?? throw new InvalidDataException($"{path} line {lineNumber}: null."));
        }

        return sentences;
    }
}
