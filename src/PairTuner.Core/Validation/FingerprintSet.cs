using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace PairTuner.Core.Validation;

/// <summary>
/// A set of 64-bit fingerprints (<see cref="PairFingerprint"/> values) in one flat open-addressing
/// table: 8 bytes a slot, linear probing, a power-of-two number of slots kept at most three
/// quarters full and doubled when it would go over. That is 11 to 21 bytes per fingerprint (32
/// for a moment while doubling), against 20 to 40 for a <see cref="HashSet{T}"/> of ulong, and a
/// probe reads neighbouring slots of one cache line instead of following a chain.
/// </summary>
internal sealed class FingerprintSet
{
    // Slot value 0 means empty; the fingerprint 0 itself is kept aside.
    private const int MinimumSlots = 16;

    private ulong[] _slots;
    private int _shift;
    private int _limit;
    private bool _hasZero;

    /// <param name="expected">How many fingerprints to make room for before the first doubling.</param>
    public FingerprintSet(int expected = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expected);
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinimumSlots, (int)Math.Min(1L << 30, ((long)expected * 4 / 3) + 1)));
        Allocate(slots);
    }

    public long Count { get; private set; }

    /// <summary>The table's size in bytes: what the set holds in memory.</summary>
    public long Bytes => (long)_slots.Length * sizeof(ulong);

    /// <summary>Adds <paramref name="fingerprint"/>; false when it was already there.</summary>
    public bool Add(ulong fingerprint)
    {
        if (fingerprint == 0)
        {
            if (_hasZero)
            {
                return false;
            }

            _hasZero = true;
            Count++;
            return true;
        }

        if (Count >= _limit)
        {
            Grow();
        }

        var slots = _slots;
        var mask = slots.Length - 1;
        var i = Home(fingerprint, _shift);
        while (true)
        {
            var held = slots[i];
            if (held == fingerprint)
            {
                return false;
            }

            if (held == 0)
            {
                slots[i] = fingerprint;
                Count++;
                return true;
            }

            i = (i + 1) & mask;
        }
    }

    public bool Contains(ulong fingerprint)
    {
        if (fingerprint == 0)
        {
            return _hasZero;
        }

        var slots = _slots;
        var mask = slots.Length - 1;
        var i = Home(fingerprint, _shift);
        while (true)
        {
            var held = slots[i];
            if (held == fingerprint)
            {
                return true;
            }

            if (held == 0)
            {
                return false;
            }

            i = (i + 1) & mask;
        }
    }

    // Fibonacci hashing: the multiply spreads any pattern in the input (XXH3 values are already
    // uniform; test and caller-made values need not be) and the top bits pick the slot.
    private static int Home(ulong fingerprint, int shift) => (int)((fingerprint * 0x9E3779B97F4A7C15UL) >> shift);

    [MemberNotNull(nameof(_slots))]
    private void Allocate(int slots)
    {
        _slots = new ulong[slots];
        _shift = 64 - BitOperations.Log2((uint)slots);
        _limit = (int)((long)slots * 3 / 4);
    }

    private void Grow()
    {
        if (_slots.Length >= 1 << 30)
        {
            throw new InvalidOperationException($"A fingerprint set holds at most {(1 << 30) * 3L / 4:N0} values.");
        }

        var old = _slots;
        Allocate(old.Length * 2);
        var slots = _slots;
        var mask = slots.Length - 1;
        foreach (var fingerprint in old)
        {
            if (fingerprint == 0)
            {
                continue;
            }

            var i = Home(fingerprint, _shift);
            while (slots[i] != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = fingerprint;
        }
    }
}
