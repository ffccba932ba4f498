using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;
using PairTuner.Core.Serialization;
using PairTuner.Core.Streams;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Splitting;

/// <summary>
/// A normalized shard held as its raw UTF-8 lines, so scoring and splitting work on bytes: no
/// string per text, no re-encoding. Each line is one compact JSON object as
/// <see cref="Sharding.PairJsonLinesWriter"/> writes it. Ingest builds one line by line (and hands
/// it straight to splitting when both run in one process); the fan-out reads one from the store.
/// Memory is the shard's size, in a pooled buffer returned by <see cref="Dispose"/>.
/// </summary>
internal sealed class ShardLines : IDisposable
{
    private readonly PooledBufferWriter _bytes;

    // One entry per line, in one rented array: ingest appends a line per accepted pair on its
    // in-order thread, where five growing lists cost more than the copy of the line itself, and
    // a fresh array per shard would land on the large-object heap.
    private Entry[] _entries;

    /// <param name="capacityBytes">Bytes to make room for up front.</param>
    /// <param name="capacityLines">Lines to make room for up front (ingest knows the shard size).</param>
    public ShardLines(int capacityBytes = 1 << 16, int capacityLines = 1 << 10)
    {
        _bytes = new PooledBufferWriter(capacityBytes);
        _entries = ArrayPool<Entry>.Shared.Rent(Math.Max(capacityLines, 16));
    }

    public int Count { get; private set; }

    /// <summary>The shard file's size in bytes.</summary>
    public int Bytes => _bytes.WrittenCount;

    public bool HasScore(int index) => EntryAt(index).HasScore;

    /// <summary>XXH3 of the line's text1 as UTF-8 (unescaped), as <see cref="PairFingerprint.OfText"/> computes it.</summary>
    public ulong Text1Hash(int index) => EntryAt(index).Text1;

    public ulong Text2Hash(int index) => EntryAt(index).Text2;

    /// <summary>
    /// Starts loading the entry of line <paramref name="index"/> (where the line is) into cache:
    /// a few lines before <see cref="Prefetch"/> asks for the line itself, which needs the entry.
    /// </summary>
    public unsafe void PrefetchEntry(int index)
    {
        if (Sse.IsSupported && (uint)index < (uint)Count)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _entries[index]));
        }
    }

    /// <summary>
    /// Starts loading line <paramref name="index"/> into cache. The split copies lines in a random
    /// order out of a shard much larger than the cache, so each line is a wait on memory unless
    /// asked for a few lines ahead.
    /// </summary>
    public unsafe void Prefetch(int index)
    {
        if (Sse.IsSupported && (uint)index < (uint)Count)
        {
            var entry = _entries[index];
            ref var first = ref MemoryMarshal.GetReference(_bytes.WrittenSpan);

            // A hint only: if the buffer moved meanwhile, the load is wasted, nothing else.
            var at = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref first, entry.Start));
            Sse.Prefetch0(at);
            Sse.Prefetch0(at + 64);
            Sse.Prefetch0(at + 128);
            Sse.Prefetch0(at + 192);
        }
    }

    /// <summary>Appends one normalized line; <paramref name="line"/> ends with its newline.</summary>
    public void Add(ReadOnlySpan<byte> line, bool hasScore, ulong text1Hash, ulong text2Hash)
    {
        Append(new Entry(_bytes.WrittenCount, line.Length - 1, hasScore, text1Hash, text2Hash));
        _bytes.Write(line);
    }

    /// <summary>Takes out the lines at <paramref name="sorted"/> (ascending indices), keeping the others in order.</summary>
    public void Remove(ReadOnlySpan<int> sorted)
    {
        if (sorted.IsEmpty)
        {
            return;
        }

        var bytes = _bytes.WrittenSpanToEdit;
        var kept = sorted[0];
        var keptBytes = EntryAt(kept).Start;
        var next = 0;
        for (var i = kept; i < Count; i++)
        {
            if (next < sorted.Length && sorted[next] == i)
            {
                next++;
                continue;
            }

            var entry = _entries[i];
            bytes.Slice(entry.Start, entry.Length + 1).CopyTo(bytes[keptBytes..]);
            _entries[kept++] = entry with { Start = keptBytes };
            keptBytes += entry.Length + 1;
        }

        if (next != sorted.Length)
        {
            throw new ArgumentException("The indices must be ascending, distinct and within the shard.", nameof(sorted));
        }

        Count = kept;
        _bytes.Truncate(keptBytes);
    }

    /// <summary>The shard file's bytes, as a stream to hand to a store (valid until the shard changes).</summary>
    public Stream OpenRead() => _bytes.OpenRead();

    public static async Task<ShardLines> ReadAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        var known = stream.CanSeek ? stream.Length - stream.Position : -1;
        if (known > Array.MaxLength)
        {
            throw new InvalidDataException($"A shard of {known:N0} bytes is larger than one array can hold; use a smaller shard size.");
        }

        var shard = new ShardLines(known >= 0 ? (int)known + 1 : 1 << 20);
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(shard._bytes.GetMemory(1 << 16), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                shard._bytes.Advance(read);
            }

            shard.IndexLines(name);
            return shard;
        }
        catch
        {
            shard.Dispose();
            throw;
        }
    }

    /// <summary>Writes line <paramref name="index"/> with its newline, adding <c>"score": label</c> when it has none.</summary>
    public void Write(IBufferWriter<byte> output, int index, double? label)
    {
        var entry = EntryAt(index);
        var line = _bytes.WrittenSpan.Slice(entry.Start, entry.Length);
        if (label is { } score && !entry.HasScore)
        {
            var target = output.GetSpan(line.Length + 11 + ShortestDouble.MaxBytes);
            line[..^1].CopyTo(target);
            var at = line.Length - 1;
            ",\"score\":"u8.CopyTo(target[at..]);
            at += 9;
            at += ShortestDouble.Format(score, target[at..]);
            target[at++] = (byte)'}';
            target[at++] = (byte)'\n';
            output.Advance(at);
        }
        else
        {
            var target = output.GetSpan(line.Length + 1);
            line.CopyTo(target);
            target[line.Length] = (byte)'\n';
            output.Advance(line.Length + 1);
        }
    }

    public void Dispose()
    {
        _bytes.Dispose();
        if (_entries.Length > 0)
        {
            ArrayPool<Entry>.Shared.Return(_entries);
            _entries = [];
            Count = 0;
        }
    }

    private ref readonly Entry EntryAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return ref _entries[index];
    }

    private void Append(in Entry entry)
    {
        if (Count == _entries.Length)
        {
            var bigger = ArrayPool<Entry>.Shared.Rent(_entries.Length * 2);
            _entries.AsSpan(0, Count).CopyTo(bigger);
            ArrayPool<Entry>.Shared.Return(_entries);
            _entries = bigger;
        }

        _entries[Count++] = entry;
    }

    /// <summary>Where a line is (without its newline), whether it has a score, and its texts' hashes.</summary>
    private readonly record struct Entry(int Start, int Length, bool HasScore, ulong Text1, ulong Text2);

    private void IndexLines(string name)
    {
        var bytes = _bytes.WrittenSpan;
        byte[]? scratch = null;
        try
        {
            for (var start = 0; start < bytes.Length;)
            {
                var newline = bytes[start..].IndexOf((byte)'\n');
                var end = newline < 0 ? bytes.Length : start + newline;
                if (end > start)
                {
                    var line = bytes[start..end];
                    if (scratch is null || scratch.Length < line.Length)
                    {
                        if (scratch is not null)
                        {
                            ArrayPool<byte>.Shared.Return(scratch);
                        }

                        scratch = ArrayPool<byte>.Shared.Rent(Math.Max(line.Length, 1 << 12));
                    }

                    Inspect(line, name, Count + 1, scratch, out var hasScore, out var text1, out var text2);
                    Append(new Entry(start, end - start, hasScore, text1, text2));
                }

                start = end + 1;
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    private static void Inspect(ReadOnlySpan<byte> line, string name, int lineNumber, Span<byte> scratch, out bool hasScore, out ulong text1, out ulong text2)
    {
        hasScore = false;
        text1 = text2 = 0;
        var seen = 0;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || line[^1] != (byte)'}')
            {
                throw Damaged(name, lineNumber, "not a compact JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("text1"u8))
                {
                    reader.Read();
                    text1 = HashText(ref reader, scratch);
                    seen |= 1;
                }
                else if (reader.ValueTextEquals("text2"u8))
                {
                    reader.Read();
                    text2 = HashText(ref reader, scratch);
                    seen |= 2;
                }
                else
                {
                    hasScore |= reader.ValueTextEquals("score"u8);
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Damaged(name, lineNumber, e.Message);
        }

        if (seen != 3)
        {
            throw Damaged(name, lineNumber, "text1 or text2 is missing");
        }
    }

    // The unescaped text, so a text hashes the same here as when ingest wrote it.
    private static ulong HashText(ref Utf8JsonReader reader, Span<byte> scratch)
        => PairFingerprint.OfText(reader.ValueIsEscaped ? scratch[..reader.CopyString(scratch)] : reader.ValueSpan);

    private static InvalidDataException Damaged(string name, int line, string reason)
        => new($"Normalized pairs file is damaged: {name}:{line}: {reason}");
}
