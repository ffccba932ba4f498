using System.Globalization;
using System.Text;

namespace PairTuner.Training.Tokenization;

/// <summary>
/// What Hugging Face's uncased <c>BertNormalizer</c> and <c>BertPreTokenizer</c> do to every code
/// point, read from the embedded <c>bert-uncased-chars.txt</c> that
/// <c>Data/generate-char-table.mjs</c> produced by asking the reference one code point at a time.
/// A table rather than .NET's own Unicode APIs because this process runs with
/// InvariantGlobalization (no NFD) and the reference uses older Unicode tables than .NET.
/// </summary>
internal sealed class BertCharTable
{
    private const string ResourceName = "PairTuner.Training.Tokenization.Data.bert-uncased-chars.txt";
    private const int HangulFirst = 0xAC00;
    private const int HangulLast = 0xD7A3;

    private static readonly Lazy<BertCharTable> UncasedTable = new(Load);

    // The BMP is looked up directly; the few supplementary-plane runs by binary search.
    private readonly CharMapping[] _bmp;
    private readonly (int First, int Last, CharMapping Mapping)[] _supplementary;

    private BertCharTable(CharMapping[] bmp, (int, int, CharMapping)[] supplementary)
    {
        _bmp = bmp;
        _supplementary = supplementary;
    }

    public static BertCharTable Uncased => UncasedTable.Value;

    public CharMapping Get(int codePoint)
    {
        if (codePoint < _bmp.Length)
        {
            return _bmp[codePoint];
        }

        var runs = _supplementary;
        int lo = 0, hi = runs.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (codePoint < runs[mid].First)
            {
                hi = mid - 1;
            }
            else if (codePoint > runs[mid].Last)
            {
                lo = mid + 1;
            }
            else
            {
                return runs[mid].Mapping;
            }
        }

        return CharMapping.Plain;
    }

    /// <summary>The pre-tokenizer's view of a character of already-normalized text.</summary>
    public CharClass ClassOf(int codePoint)
    {
        var cls = Get(codePoint).Class;
        // The pre-tokenizer itself does not split ideographs; the normalizer's padding does.
        return cls == CharClass.Chinese ? CharClass.Word : cls;
    }

    private static BertCharTable Load()
    {
        using var stream = typeof(BertCharTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The tokenizer's character table '{ResourceName}' is not embedded in {typeof(BertCharTable).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader, ResourceName);
    }

    internal static BertCharTable Parse(TextReader reader, string source)
    {
        var bmp = new CharMapping[0x10000];
        Array.Fill(bmp, CharMapping.Plain);
        var supplementary = new List<(int, int, CharMapping)>();

        // Hangul syllables decompose algorithmically (Unicode 3.12) into leading, vowel and trailing jamo.
        for (var cp = HangulFirst; cp <= HangulLast; cp++)
        {
            var s = cp - HangulFirst;
            int[] jamo = s % 28 == 0
                ? [0x1100 + (s / 588), 0x1161 + (s % 588 / 28)]
                : [0x1100 + (s / 588), 0x1161 + (s % 588 / 28), 0x11A7 + (s % 28)];
            bmp[cp] = new CharMapping(CharClass.Word, CharMappingKind.Sequence, 0, jamo);
        }

        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split(' ', 3);
            if (fields.Length != 3)
            {
                throw new FormatException($"{source} line {lineNumber}: expected 'FIRST[..LAST] CLASS MAP', got '{line}'.");
            }

            var range = fields[0].Split("..");
            var first = ParseHex(range[0], source, lineNumber);
            var last = range.Length > 1 ? ParseHex(range[1], source, lineNumber) : first;
            var cls = fields[1] switch
            {
                "w" => CharClass.Word,
                "s" => CharClass.Whitespace,
                "p" => CharClass.Punctuation,
                "c" => CharClass.Chinese,
                _ => throw new FormatException($"{source} line {lineNumber}: unknown class '{fields[1]}'."),
            };
            var map = fields[2];
            var mapping = map switch
            {
                "=" => new CharMapping(cls, CharMappingKind.Identity, 0, null),
                "-" => new CharMapping(cls, CharMappingKind.Removed, 0, null),
                _ when map[0] is '+' or '-' => new CharMapping(cls, CharMappingKind.Shift, int.Parse(map, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), null),
                _ => new CharMapping(cls, CharMappingKind.Sequence, 0, [.. map.Split(' ').Select(h => ParseHex(h, source, lineNumber))]),
            };

            for (var cp = first; cp <= Math.Min(last, 0xFFFF); cp++)
            {
                bmp[cp] = mapping;
            }

            if (last > 0xFFFF)
            {
                supplementary.Add((Math.Max(first, 0x10000), last, mapping));
            }
        }

        return new BertCharTable(bmp, [.. supplementary.OrderBy(r => r.Item1)]);
    }

    private static int ParseHex(string text, string source, int lineNumber)
        => int.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 0x10FFFF
            ? value
            : throw new FormatException($"{source} line {lineNumber}: '{text}' is not a code point.");
}
