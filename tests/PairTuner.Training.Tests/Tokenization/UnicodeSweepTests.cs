using System.Text;
using System.Text.Json.Nodes;
using PairTuner.Training.Tokenization;

namespace PairTuner.Training.Tests.Tokenization;

/// <summary>
/// Every Unicode code point through the normalizer and pre-tokenizer, against Hugging Face's live.
/// Code points are joined by spaces (which reset NFD's mark reordering and end words), in chunks.
/// </summary>
public sealed class UnicodeSweepTests
{
    private const int PerChunk = 2048;

    [Fact]
    public void Normalizer_and_pre_tokenizer_equal_the_reference_on_every_code_point()
    {
        var chunks = new List<string>();
        var text = new StringBuilder();
        var count = 0;
        for (var cp = 0; cp <= 0x10FFFF; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            text.Append(char.ConvertFromUtf32(cp)).Append(' ');
            if (++count % PerChunk == 0)
            {
                chunks.Add(text.ToString());
                text.Clear();
            }
        }

        chunks.Add(text.ToString());
        var answer = NodeReference.Ask(new { op = "sweep", chunks });
        var normalized = answer["normalized"]!.AsArray();
        var words = answer["words"]!.AsArray();

        var failures = new List<string>();
        for (var i = 0; i < chunks.Count && failures.Count < 20; i++)
        {
            var ours = BertNormalizer.Uncased.Normalize(chunks[i]);
            var theirs = normalized[i]!.GetValue<string>();
            if (ours != theirs)
            {
                failures.Add($"chunk {i} (from U+{FirstCodePoint(chunks[i]):X4}): normalized text differs at char {FirstDifference(ours, theirs)}");
                continue;
            }

            var ourWords = BertPreTokenizer.Instance.PreTokenize(ours).Select(w => ours.Substring(w.Offset, w.Length)).ToArray();
            var theirWords = words[i]!.AsArray().Select(w => w!.GetValue<string>()).ToArray();
            if (!ourWords.SequenceEqual(theirWords))
            {
                failures.Add($"chunk {i} (from U+{FirstCodePoint(chunks[i]):X4}): {ourWords.Length} words, reference {theirWords.Length}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(1_112_064, count);
    }

    private static int FirstCodePoint(string chunk) => char.ConvertToUtf32(chunk, 0);

    private static string FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return $"{i}: ours U+{(i < a.Length ? a[i] : 0):X4}, reference U+{(i < b.Length ? b[i] : 0):X4}";
    }
}
