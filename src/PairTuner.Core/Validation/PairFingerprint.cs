using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace PairTuner.Core.Validation;

/// <summary>
/// A 64-bit XXH3 fingerprint of a pair's two texts (length-prefixed, so "ab"+"c" and "a"+"bc"
/// differ). Two different pairs share one with probability about n²/2⁶⁵: under 3 in a million
/// at 10 million pairs, in which case one unique pair would be counted as a duplicate.
/// An instance reuses its hasher (XXH3 keeps a few hundred bytes of state), so fingerprinting
/// millions of pairs allocates nothing; it is not thread-safe.
/// </summary>
public sealed class PairFingerprint
{
    private readonly XxHash3 _hash = new();

    public ulong Of(string text1, string text2)
    {
        ArgumentNullException.ThrowIfNull(text1);
        ArgumentNullException.ThrowIfNull(text2);
        _hash.Reset();
        Span<int> length = [text1.Length];
        _hash.Append(MemoryMarshal.AsBytes(length));
        _hash.Append(MemoryMarshal.AsBytes(text1.AsSpan()));
        _hash.Append(MemoryMarshal.AsBytes(text2.AsSpan()));
        return _hash.GetCurrentHashAsUInt64();
    }
}
