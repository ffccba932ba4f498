using System.Text;
using Microsoft.ML.Tokenizers;

namespace PairTuner.Training.Tokenization;

/// <summary>
/// Hugging Face's <c>BertNormalizer</c> for uncased models (clean_text, handle_chinese_chars,
/// strip_accents following lowercase, lowercase), as a Microsoft.ML.Tokenizers normalizer:
/// control and format characters are removed, every whitespace becomes a space, CJK ideographs
/// are padded with spaces, text is NFD-decomposed with non-spacing marks dropped, then lowercased.
/// </summary>
/// <remarks>
/// Microsoft.ML.Tokenizers' own BERT normalization joins words across tabs and newlines, drops
/// symbols such as <c>$ + = € ©</c> and emoji, and cannot decompose Hangul or accents when .NET
/// runs with invariant globalization; this one is table-driven and equal to the reference on every
/// code point.
/// </remarks>
public sealed class BertNormalizer : Normalizer
{
    private readonly BertCharTable _table;

    private BertNormalizer(BertCharTable table) => _table = table;

    /// <summary>The normalizer of uncased BERT models such as all-MiniLM-L6-v2.</summary>
    public static BertNormalizer Uncased { get; } = new(BertCharTable.Uncased);

    public override string Normalize(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        return Normalize(original.AsSpan());
    }

    public override string Normalize(ReadOnlySpan<char> original)
    {
        var buffer = new CharBuffer();
        NormalizeInto(original, buffer);
        return buffer.ToString();
    }

    /// <summary>Appends the normalized form of <paramref name="text"/> to <paramref name="output"/>.</summary>
    internal void NormalizeInto(ReadOnlySpan<char> text, CharBuffer output)
    {
        var i = 0;
        while (i < text.Length)
        {
            int cp;
            var c = text[i];
            if (!char.IsSurrogate(c))
            {
                cp = c;
                i++;
            }
            else if (Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                cp = rune.Value;
                i += consumed;
            }
            else
            {
                // A lone surrogate reaches the reference as U+FFFD, which clean_text removes.
                i++;
                continue;
            }

            var mapping = _table.Get(cp);
            switch (mapping.Kind)
            {
                case CharMappingKind.Identity when mapping.Class == CharClass.Chinese:
                    output.Append(' ');
                    output.Append(new Rune(cp));
                    output.Append(' ');
                    break;
                case CharMappingKind.Identity:
                    output.Append(new Rune(cp));
                    break;
                case CharMappingKind.Removed:
                    break;
                case CharMappingKind.Shift:
                    output.Append(new Rune(cp + mapping.Delta));
                    break;
                case CharMappingKind.Sequence:
                    foreach (var mapped in mapping.CodePoints!)
                    {
                        output.Append(new Rune(mapped));
                    }

                    break;
            }
        }
    }
}
