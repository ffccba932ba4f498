using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace PairTuner.Core.Validation;

/// <summary>
/// A set of 64-bit fingerprints (<see cref="PairFingerprint"/> values) in one flat open-addressing
/// table: 8 bytes a slot, linear probing, a power-of-two number of slots kept at most three
/// quarters full and doubled when it would go over. That is 11 to 21 bytes per fingerprint (32
/// for the moment of a doubling), against 20 to 40 for a <see cref="HashSet{T}"/> of ulong, and a
/// probe reads neighbouring slots of one cache line instead of following a chain.
/// </summary>
/// <remarks>
/// The table lives in native memory and is freed the moment it is replaced or the set disposed:
/// as managed arrays, every table outgrown on the way to millions of pairs stayed on the
/// large-object heap until the next full collection, which a streaming run rarely triggers, so
/// the process grew by about the table's size again.
/// </remarks>
internal sealed unsafe class FingerprintSet : IDisposable
{
    // Slot value 0 means empty; the fingerprint 0 itself is kept aside.
    private const int MinimumSlots = 16;
    private const int MaximumSlots = 1 << 30;

    private ulong* _slots;
    private int _slotCount;
    private int _shift;
    private int _limit;
    private bool _hasZero;

    /// <param name="expected">How many fingerprints to make room for before the first doubling.</param>
    public FingerprintSet(int expected = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expected);
        Allocate((int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(((long)expected * 4 / 3) + 1, MinimumSlots, MaximumSlots)));
    }

    ~FingerprintSet() => Free();

    public long Count { get; private set; }

    /// <summary>How many values the table holds before it doubles.</summary>
    public long Capacity => _limit;

    /// <summary>How many values a set holds without its table growing past <paramref name="bytes"/>.</summary>
    public static long CapacityFor(long bytes)
    {
        var slots = (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Clamp(bytes / sizeof(ulong), MinimumSlots, MaximumSlots));
        slots = slots * sizeof(ulong) > bytes && slots > MinimumSlots ? slots / 2 : slots;
        return slots * 3 / 4;
    }

    /// <summary>The table's size in bytes: what the set holds in memory.</summary>
    public long Bytes => (long)_slotCount * sizeof(ulong);

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

        var slots = Slots();
        var i = Probe(slots, fingerprint);
        if (slots[i] == fingerprint)
        {
            return false;
        }

        slots[i] = fingerprint;
        Count++;
        return true;
    }

    public bool Contains(ulong fingerprint)
    {
        if (fingerprint == 0)
        {
            return _hasZero;
        }

        var slots = Slots();
        return slots[Probe(slots, fingerprint)] == fingerprint;
    }

    // Linear probing from the fingerprint's home slot to the slot that holds it or the first empty one.
    private int Probe(Span<ulong> slots, ulong fingerprint)
    {
        var mask = _slotCount - 1;
        var i = Home(fingerprint, _shift);
        while (slots[i] != fingerprint && slots[i] != 0)
        {
            i = (i + 1) & mask;
        }

        return i;
    }

    /// <summary>
    /// Starts loading the slot <paramref name="fingerprint"/> will probe first. A big table is
    /// mostly out of cache, so an add waits on memory; a caller that knows what comes next asks a
    /// few fingerprints ahead and finds the slot in cache when it gets there.
    /// </summary>
    public void Prefetch(ulong fingerprint)
    {
        if (Sse.IsSupported && _slots is not null)
        {
            Sse.Prefetch0(_slots + Home(fingerprint, _shift));
        }
    }

    /// <summary>
    /// Writes every value to <paramref name="output"/> in ascending order, as little-endian 64-bit
    /// words, and empties the set. Sorts inside the table itself, so it takes no memory of its
    /// own; the table keeps its size for what comes next.
    /// </summary>
    public void MoveSortedTo(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var slots = Slots();
        var filled = 0;
        foreach (var value in slots)
        {
            if (value != 0)
            {
                slots[filled++] = value;
            }
        }

        var values = slots[..filled];
        values.Sort();
        if (_hasZero)
        {
            output.Write(stackalloc byte[sizeof(ulong)]);
        }

        if (!BitConverter.IsLittleEndian)
        {
            System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(values, values);
        }

        output.Write(MemoryMarshal.AsBytes(values));
        slots.Clear();
        Count = 0;
        _hasZero = false;
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    // Fibonacci hashing: the multiply spreads any pattern in the input (XXH3 values are already
    // uniform; test and caller-made values need not be) and the top bits pick the slot.
    private static int Home(ulong fingerprint, int shift) => (int)((fingerprint * 0x9E3779B97F4A7C15UL) >> shift);

    private Span<ulong> Slots()
    {
        ObjectDisposedException.ThrowIf(_slots is null, this);
        return new Span<ulong>(_slots, _slotCount);
    }

    private void Allocate(int slots)
    {
        _slots = (ulong*)NativeMemory.AllocZeroed((nuint)slots, sizeof(ulong));
        GC.AddMemoryPressure((long)slots * sizeof(ulong));
        _slotCount = slots;
        _shift = 64 - BitOperations.Log2((uint)slots);
        _limit = (int)((long)slots * 3 / 4);
    }

    private void Grow()
    {
        if (_slotCount >= MaximumSlots)
        {
            throw new InvalidOperationException($"A fingerprint set holds at most {MaximumSlots * 3L / 4:N0} values.");
        }

        var old = _slots;
        var oldCount = _slotCount;
        Allocate(oldCount * 2);
        var slots = Slots();
        var mask = _slotCount - 1;
        foreach (var fingerprint in new ReadOnlySpan<ulong>(old, oldCount))
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

        NativeMemory.Free(old);
        GC.RemoveMemoryPressure((long)oldCount * sizeof(ulong));
    }

    private void Free()
    {
        if (_slots is not null)
        {
            NativeMemory.Free(_slots);
            GC.RemoveMemoryPressure((long)_slotCount * sizeof(ulong));
            _slots = null;
            _slotCount = 0;
        }
    }
}
