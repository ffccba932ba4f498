using System.Text;
using Microsoft.ML.Tokenizers;

namespace PairTuner.Training.Tokenization;

/// <summary>
/// Hugging Face's <c>BertPreTokenizer</c> as a Microsoft.ML.Tokenizers pre-tokenizer: splits
/// normalized text on whitespace (dropped) and on every punctuation character (Unicode P* and the
/// ASCII symbols 33-47, 58-64, 91-96, 123-126), each of which becomes a word of its own.
/// </summary>
public sealed class BertPreTokenizer : PreTokenizer
{
    private readonly BertCharTable _table;

    private BertPreTokenizer(BertCharTable table) => _table = table;

    /// <summary>The pre-tokenizer of BERT models such as all-MiniLM-L6-v2.</summary>
    public static BertPreTokenizer Instance { get; } = new(BertCharTable.Uncased);

    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PreTokenize(text.AsSpan());
    }

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text)
    {
        var words = new List<(int Offset, int Length)>();
        Split(text, words);
        return words;
    }

    /// <summary>Appends the words of <paramref name="text"/> to <paramref name="words"/> as (offset, length) in chars.</summary>
    internal void Split(ReadOnlySpan<char> text, List<(int Offset, int Length)> words)
    {
        var start = -1;
        var i = 0;
        while (i < text.Length)
        {
            int cp;
            int width;
            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                cp = rune.Value;
                width = consumed;
            }
            else
            {
                cp = 0xFFFD;
                width = 1;
            }

            switch (_table.ClassOf(cp))
            {
                case CharClass.Whitespace:
                    if (start >= 0)
                    {
                        words.Add((start, i - start));
                        start = -1;
                    }

                    break;
                case CharClass.Punctuation:
                    if (start >= 0)
                    {
                        words.Add((start, i - start));
                        start = -1;
                    }

                    words.Add((i, width));
                    break;
                default:
                    if (start < 0)
                    {
                        start = i;
                    }

                    break;
            }

            i += width;
        }

        if (start >= 0)
        {
            words.Add((start, text.Length - start));
        }
    }
}
