using System.Text;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Ingestion;
using PairTuner.Core.Tests.TestSupport;

namespace PairTuner.Core.Tests.Ingestion;

[Collection(MemoryMeasuringCollection.Name)]
public class LargeFileTests
{
    [Fact]
    public async Task A_50_MB_file_streams_through_ingest_with_bounded_live_memory()
    {
        using var folder = new TempFolder();
        var path = folder.File("large.jsonl");
        var pairs = WriteLargeFile(path, targetBytes: 50L * 1024 * 1024);
        var fileBytes = new FileInfo(path).Length;

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        await using var file = File.OpenRead(path);
        await using var probe = new LiveMemoryProbe(file, everyBytes: 4 * 1024 * 1024);
        // Shards are built in memory, so the shard size (not the file) bounds that part: about
        // 2 MB each here, a few MB in all.
        var options = new IngestOptions { ShardSize = 10_000 };
        var result = await PairsIngestor.IngestAsync(probe, "large.jsonl", options, new LocalArtifactStore(folder.File("store")), "runs/large/");

        Assert.Equal((long)pairs, result.Report.Rows);
        Assert.Equal((long)pairs, result.Report.Accepted);
        Assert.Equal(fileBytes, result.Report.Bytes);
        Assert.Equal((pairs + 9_999) / 10_000, result.ShardPaths.Count);

        // Live managed memory while streaming: blocks in flight, the shard being built and the
        // one being written, plus ~20 bytes of fingerprint per pair (~5 MB here). Holding the 50 MB
        // file, even as bytes, would blow through this bound.
        var growth = probe.PeakLiveBytes - baseline;
        Assert.True(probe.Samples >= 10, $"only {probe.Samples} samples");
        Assert.True(growth < 32L * 1024 * 1024, $"live memory grew by {growth / (1024 * 1024)} MB while streaming a {fileBytes / (1024 * 1024)} MB file");
    }

    private static int WriteLargeFile(string path, long targetBytes)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        var count = 0;
        var line = new StringBuilder();
        for (long written = 0; written < targetBytes; count++)
        {
            line.Clear()
                .Append("{\"text1\": \"How do I reset the password of account ").Append(count)
                .Append(" on the staging cluster?\", \"text2\": \"Open settings, choose security and follow the reset link for account ")
                .Append(count).Append(" (staging).\"}\n");
            writer.Write(line);
            written += line.Length;
        }

        return count;
    }

    /// <summary>Passes reads through and measures live managed memory (after a full GC) every few MB.</summary>
    private sealed class LiveMemoryProbe(Stream inner, long everyBytes) : Stream
    {
        private long _sinceSample;

        public long PeakLiveBytes { get; private set; }

        public int Samples { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Sample(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => Sample(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Sample(int read)
        {
            _sinceSample += read;
            if (_sinceSample >= everyBytes)
            {
                _sinceSample = 0;
                Samples++;
                PeakLiveBytes = Math.Max(PeakLiveBytes, GC.GetTotalMemory(forceFullCollection: true));
            }

            return read;
        }
    }
}
