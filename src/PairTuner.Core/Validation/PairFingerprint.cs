using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace PairTuner.Core.Validation;

/// <summary>
/// A 64-bit XXH3 fingerprint of a pair's two texts (length-prefixed, so "ab"+"c" and "a"+"bc"
/// differ). Two different pairs share one with probability about n²/2⁶⁵: under 3 in a million
/// at 10 million pairs, in which case one unique pair would be counted as a duplicate.
/// </summary>
public static class PairFingerprint
{
    public static ulong Of(string text1, string text2)
    {
        ArgumentNullException.ThrowIfNull(text1);
        ArgumentNullException.ThrowIfNull(text2);
        var hash = new XxHash3();
        Span<int> length = [text1.Length];
        hash.Append(MemoryMarshal.AsBytes(length));
        hash.Append(MemoryMarshal.AsBytes(text1.AsSpan()));
        hash.Append(MemoryMarshal.AsBytes(text2.AsSpan()));
        return hash.GetCurrentHashAsUInt64();
    }
}
