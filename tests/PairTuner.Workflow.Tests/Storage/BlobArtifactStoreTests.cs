using Azure;
using Azure.Storage;
using Azure.Storage.Blobs.Specialized;
using PairTuner.Workflow.Storage;

namespace PairTuner.Workflow.Tests.Storage;

/// <summary>The blob store on real storage (Azurite): streaming reads in ranges, block uploads, missing blobs.</summary>
public class BlobArtifactStoreTests
{
    private const int Range = 1024;
    private readonly string _folder = "store-tests/" + Guid.NewGuid().ToString("N")[..8] + "/";

    private static async Task<BlobArtifactStore> StoreAsync(StorageTransferOptions? transfer = null)
        => new(await TestStorage.ConnectAsync())
        {
            ReadBufferSize = Range,
            TransferOptions = transfer ?? BlobArtifactStore.DefaultTransferOptions,
        };

    private static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, int chunk)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[chunk];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 100)]
    [InlineData(Range - 1, 100)]
    [InlineData(Range, 4096)]
    [InlineData(Range + 1, 333)]
    [InlineData((7 * Range) + 17, 333)]
    [InlineData((7 * Range) + 17, 5000)]
    public async Task Reads_back_every_byte_across_range_boundaries(int size, int readChunk)
    {
        var store = await StoreAsync();
        var content = Bytes(size, size);
        var path = "artifacts/" + _folder + $"blob-{size}-{readChunk}.bin";
        await store.WriteAsync(path, new MemoryStream(content));

        await using var stream = await store.OpenReadAsync(path);

        Assert.Equal(content, await ReadAllAsync(stream, readChunk));
        Assert.Equal(size, stream.Position);
        Assert.Equal(0, await stream.ReadAsync(new byte[10]));
    }

    [Fact]
    public async Task Uploads_larger_than_one_request_go_in_blocks_and_read_back_whole()
    {
        var store = await StoreAsync(transfer: new StorageTransferOptions { InitialTransferSize = 4096, MaximumTransferSize = 1500, MaximumConcurrency = 3 });
        var content = Bytes(20_000, 7);
        var path = "artifacts/" + _folder + "blocks.bin";

        await store.WriteAsync(path, new MemoryStream(content));
        await store.WriteAsync(path, new MemoryStream(content.AsSpan(0, 9_000).ToArray()));

        var blob = store.Service.GetBlobContainerClient("artifacts").GetBlockBlobClient(path["artifacts/".Length..]);
        var blocks = (await blob.GetBlockListAsync()).Value.CommittedBlocks.Count();
        Assert.Equal(6, blocks);
        await using var stream = await store.OpenReadAsync(path);
        Assert.Equal(content.AsSpan(0, 9_000).ToArray(), await ReadAllAsync(stream, 4096));
    }

    [Fact]
    public async Task A_blob_replaced_mid_read_fails_the_read_instead_of_mixing_versions()
    {
        var store = await StoreAsync();
        var path = "artifacts/" + _folder + "replaced.bin";
        await store.WriteAsync(path, new MemoryStream(Bytes(10 * Range, 1)));

        await using var stream = await store.OpenReadAsync(path);
        await stream.ReadExactlyAsync(new byte[100]);
        await store.WriteAsync(path, new MemoryStream(Bytes(10 * Range, 2)));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => ReadAllAsync(stream, 512));
        Assert.Equal(412, failure.Status);
    }

    [Fact]
    public async Task A_reader_that_stops_early_disposes_cleanly()
    {
        var store = await StoreAsync();
        var path = "artifacts/" + _folder + "early.bin";
        await store.WriteAsync(path, new MemoryStream(Bytes(20 * Range, 3)));

        var stream = await store.OpenReadAsync(path);
        await stream.ReadExactlyAsync(new byte[10]);
        await stream.DisposeAsync();

        // The SDK's stream gives no particular exception once disposed; that it refuses is enough.
        await Assert.ThrowsAnyAsync<Exception>(async () => await stream.ReadExactlyAsync(new byte[10]));
    }

    [Fact]
    public async Task A_missing_blob_is_file_not_found_naming_the_path()
    {
        var store = await StoreAsync();
        var path = "artifacts/" + _folder + "missing.bin";
        await store.EnsureContainerAsync("artifacts");

        var missing = await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(path));
        Assert.Contains(path, missing.Message, StringComparison.Ordinal);
    }
}
