using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PairTuner.Contracts.Randomness;

namespace PairTuner.Bench.Commands;

/// <summary>
/// Writes a synthetic JSON Lines pairs file for benchmarks: question-like text1 and answer-like
/// text2 of 6-30 words from a small vocabulary, a unique id in each so no pair is a duplicate,
/// and a score on every fourth pair. Seeded, so every run writes the same bytes.
/// </summary>
internal static class PairsFileGenerator
{
    private static readonly string[] Words =
    [
        "how", "do", "I", "reset", "the", "password", "for", "my", "account", "on", "staging", "cluster",
        "open", "settings", "choose", "security", "and", "follow", "link", "invoice", "payment", "failed",
        "card", "declined", "update", "billing", "address", "export", "report", "to", "CSV", "from", "dashboard",
        "why", "is", "sync", "slow", "after", "upgrade", "clear", "cache", "restart", "agent", "café", "naïve",
        "résumé", "deploy", "function", "app", "timeout", "storage", "queue", "blob", "container", "retry",
    ];

    public static void Write(string path, long pairs, int seed = 1)
    {
        var random = new SeededRandom((ulong)seed);
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var json = new Utf8JsonWriter(file, options);
        var text = new StringBuilder();
        for (long i = 0; i < pairs; i++)
        {
            json.WriteStartObject();
            json.WriteString("text1"u8, Sentence(random, text, i, "?"));
            json.WriteString("text2"u8, Sentence(random, text, i, "."));
            if (i % 4 == 0)
            {
                json.WriteNumber("score"u8, Math.Round(random.NextDouble(), 3));
            }

            json.WriteEndObject();
            json.Flush();
            file.WriteByte((byte)'\n');
            json.Reset();
        }
    }

    private static string Sentence(SeededRandom random, StringBuilder text, long id, string end)
    {
        text.Clear();
        var words = 6 + (int)random.NextInt64(25);
        for (var w = 0; w < words; w++)
        {
            text.Append(Words[random.NextInt64(Words.Length)]).Append(' ');
        }

        return text.Append('#').Append(id.ToString(CultureInfo.InvariantCulture)).Append(end).ToString();
    }
}
