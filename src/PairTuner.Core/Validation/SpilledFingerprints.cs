using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace PairTuner.Core.Validation;

/// <summary>
/// A sorted run of fingerprints moved out of a full <see cref="FingerprintSet"/> into a temporary
/// file (deleted when disposed, or by the system if the process dies). Looked up a batch at a
/// time: the batch is sorted too, so one front-to-back read of the run, through a small buffer,
/// answers every fingerprint in it.
/// </summary>
internal sealed class SpilledFingerprints : IDisposable
{
    private const int ChunkBytes = 1 << 18;

    private readonly FileStream _file;

    private SpilledFingerprints(FileStream file, long count)
    {
        _file = file;
        Count = count;
    }

    public long Count { get; }

    /// <summary>Moves <paramref name="set"/>'s values into a new run in <paramref name="folder"/>, leaving the set empty.</summary>
    public static SpilledFingerprints MoveFrom(FingerprintSet set, string folder)
    {
        ArgumentNullException.ThrowIfNull(set);
        var path = Path.Combine(folder, $"pairtuner-fingerprints-{Guid.NewGuid():N}.bin");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            var count = set.Count;
            set.MoveSortedTo(file);
            file.Flush();
            return new SpilledFingerprints(file, count);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Sets <c>found[i]</c> for each <c>sorted[i]</c> in the run; <paramref name="sorted"/> is ascending, without repeats.</summary>
    public void Find(ReadOnlySpan<ulong> sorted, Span<bool> found)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var next = 0;
            var length = Count * sizeof(ulong);
            for (long offset = 0; offset < length && next < sorted.Length;)
            {
                var read = RandomAccess.Read(_file.SafeFileHandle, buffer.AsSpan(0, (int)Math.Min(ChunkBytes, length - offset)), offset);
                if (read <= 0 || read % sizeof(ulong) != 0)
                {
                    throw new IOException($"The duplicate-detection file '{_file.Name}' ended early at byte {offset + Math.Max(read, 0):N0} of {length:N0}.");
                }

                offset += read;
                var chunk = MemoryMarshal.Cast<byte, ulong>(buffer.AsSpan(0, read));
                if (!BitConverter.IsLittleEndian)
                {
                    BinaryPrimitives.ReverseEndianness(chunk, chunk);
                }

                next = Merge(sorted, found, next, chunk);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _file.Dispose();

    // Walks both ascending lists together; returns where the batch stands when the chunk runs out.
    private static int Merge(ReadOnlySpan<ulong> sorted, Span<bool> found, int next, ReadOnlySpan<ulong> chunk)
    {
        var last = chunk[^1];
        var at = 0;
        while (next < sorted.Length && sorted[next] <= last)
        {
            var wanted = sorted[next];
            while (chunk[at] < wanted)
            {
                at++;
            }

            found[next] |= chunk[at] == wanted;
            next++;
        }

        return next;
    }
}
