using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace PairTuner.Core.Validation;

/// <summary>
/// 64-bit XXH3 fingerprints of texts and of pairs (of their two trimmed texts, in order): what
/// duplicate detection keeps per accepted pair, and a shard per text, instead of the texts. Two different pairs share one with
/// probability about n²/2⁶⁵: under 3 in a million at 10 million pairs, in which case one unique
/// pair would be counted as a duplicate.
/// </summary>
public static class PairFingerprint
{
    /// <summary>The pair's fingerprint from its texts' (<see cref="OfText"/>).</summary>
    public static ulong Of(ulong text1, ulong text2)
    {
        Span<ulong> both = [text1, text2];
        return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(both));
    }

    public static ulong OfText(string text) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));
}
