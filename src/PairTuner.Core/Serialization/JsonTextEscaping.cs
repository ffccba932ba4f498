using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace PairTuner.Core.Serialization;

/// <summary>
/// What the normalized-pairs writer escapes. Its encoder is asked once about every BMP character;
/// a text made only of characters it leaves alone is copied into a line as it is, which is what
/// the JSON writer would have written. The scanner asks the same while it reads a text, so most
/// texts are never looked at a second time.
/// </summary>
internal static class JsonTextEscaping
{
    /// <summary>Files, not HTML: keep accents and CJK readable instead of \uXXXX.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    // Bytes the fast scan stops at: those the writer may escape, and every non-ASCII byte (a
    // character made of them is then looked up in WrittenAsIs).
    private static readonly SearchValues<byte> MayNeedEscaping = SearchValues.Create(
        [.. Enumerable.Range(0, 256).Select(b => (byte)b).Where(b => b < 0x20 || b >= 0x7F || b == (byte)'"' || b == (byte)'\\')]);

    // One bit per BMP character: set when the encoder writes it as is.
    private static readonly ulong[] WrittenAsIs = AskEncoder(Encoder);

    /// <summary>True when the writer copies <paramref name="rune"/> as it is (characters beyond the BMP never are).</summary>
    public static bool IsWrittenAsIs(Rune rune)
        => rune.Value <= char.MaxValue && (WrittenAsIs[rune.Value >> 6] & (1UL << (rune.Value & 63))) != 0;

    /// <summary>True when every character of <paramref name="text"/> (valid UTF-8) is written as is.</summary>
    public static bool IsPlain(ReadOnlySpan<byte> text)
    {
        while (true)
        {
            var stop = text.IndexOfAny(MayNeedEscaping);
            if (stop < 0)
            {
                return true;
            }

            text = text[stop..];
            if (Rune.DecodeFromUtf8(text, out var rune, out var width) != OperationStatus.Done || !IsWrittenAsIs(rune))
            {
                return false;
            }

            text = text[width..];
        }
    }

    private static ulong[] AskEncoder(JavaScriptEncoder encoder)
    {
        var bits = new ulong[(char.MaxValue + 1) / 64];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (!Rune.IsValid(c) || encoder.WillEncode(c))
            {
                continue;
            }

            bits[c >> 6] |= 1UL << (c & 63);
        }

        return bits;
    }
}
