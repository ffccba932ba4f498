using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace PairTuner.Core.Validation;

/// <summary>
/// 64-bit XXH3 hashes of texts (their trimmed UTF-8 bytes) and of pairs (the two text hashes in
/// order). Two different pairs share a fingerprint with probability about n²/2⁶⁵: under 3 in a
/// million at 10 million pairs, in which case one unique pair would be counted as a duplicate.
/// </summary>
public static class PairFingerprint
{
    public static ulong OfText(ReadOnlySpan<byte> utf8) => XxHash3.HashToUInt64(utf8);

    public static ulong OfPair(ulong text1Hash, ulong text2Hash)
    {
        Span<ulong> both = [text1Hash, text2Hash];
        return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(both));
    }
}
