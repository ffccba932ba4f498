using System.Buffers.Binary;
using System.Text;
using PairTuner.Training.ModelIO.SafeTensors;
using TorchSharp;
using SafeTensorsFormat = PairTuner.Training.ModelIO.SafeTensors.SafeTensors;

namespace PairTuner.Training.Tests.ModelIO.SafeTensors;

public class SafeTensorsTests
{
    // The format as its specification describes it: u64 little-endian header size N, N bytes of
    // JSON padded with spaces to a multiple of 8, then the tensors' little-endian bytes. Tensors
    // are laid out in the reference serializer's dtype order (I64 before F32), then by name.
    [Fact]
    public void Write_produces_the_reference_layout_byte_for_byte()
    {
        using var a = torch.tensor(new long[] { 7 });
        using var b = torch.tensor(new float[] { 1f, 2f });
        var stream = new MemoryStream();
        SafeTensorsFormat.Write(stream, new Dictionary<string, torch.Tensor> { ["b"] = b, ["a"] = a }, new Dictionary<string, string> { ["format"] = "pt" });

        const string json = """{"__metadata__":{"format":"pt"},"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""";
        var expected = new List<byte>();
        expected.AddRange(BitConverter.GetBytes(144UL)); // 139 bytes of JSON + 5 spaces
        expected.AddRange(Encoding.UTF8.GetBytes(json + "     "));
        expected.AddRange(new byte[] { 7, 0, 0, 0, 0, 0, 0, 0 });
        expected.AddRange(new byte[] { 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40 });
        Assert.Equal(expected.ToArray(), stream.ToArray());
    }

    [Fact]
    public void Read_decodes_a_hand_built_file_with_half_precision_types()
    {
        // BF16 1.0 = 0x3F80, -2.0 = 0xC000; F16 1.0 = 0x3C00, 0.5 = 0x3800; I64 [[1,2],[3,4]].
        const string json = """{"w":{"dtype":"BF16","shape":[2],"data_offsets":[32,36]},"h":{"dtype":"F16","shape":[2],"data_offsets":[36,40]},"ids":{"dtype":"I64","shape":[2,2],"data_offsets":[0,32]},"__metadata__":{"format":"pt","note":"hand-built"}}""";
        var data = new List<byte>();
        foreach (var value in new long[] { 1, 2, 3, 4 })
        {
            data.AddRange(BitConverter.GetBytes(value));
        }

        data.AddRange(new byte[] { 0x80, 0x3F, 0x00, 0xC0, 0x00, 0x3C, 0x00, 0x38 });
        using var file = SafeTensorsFormat.Read(new MemoryStream(Build(json, data.ToArray())), "hand.safetensors");

        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt", ["note"] = "hand-built" }, file.Metadata);
        Assert.Equal(torch.ScalarType.BFloat16, file.Tensors["w"].dtype);
        Assert.Equal(new[] { 1f, -2f }, file.Tensors["w"].to(torch.float32).data<float>().ToArray());
        Assert.Equal(torch.ScalarType.Float16, file.Tensors["h"].dtype);
        Assert.Equal(new[] { 1f, 0.5f }, file.Tensors["h"].to(torch.float32).data<float>().ToArray());
        Assert.Equal(new long[] { 2, 2 }, file.Tensors["ids"].shape);
        Assert.Equal(3L, file.Tensors["ids"][1, 0].item<long>());
        Assert.Equal(new[] { "ids", "w", "h" }, file.Entries.Select(entry => entry.Name));
    }

    [Fact]
    public void Round_trip_keeps_names_dtypes_shapes_values_and_metadata()
    {
        using var generator = new torch.Generator(7);
        var tensors = new Dictionary<string, torch.Tensor>
        {
            ["encoder.layer.0.attention.self.query.weight"] = torch.randn(new long[] { 5, 3 }, generator: generator),
            ["bf16"] = torch.randn(new long[] { 4, 2 }, generator: generator).to(torch.bfloat16),
            ["f16"] = torch.randn(new long[] { 3 }, generator: generator).to(torch.float16),
            ["ids"] = torch.arange(10, dtype: torch.int64).reshape(2, 5),
            ["scalar"] = torch.tensor(3.5f),
            ["empty"] = torch.zeros(new long[] { 0, 3 }),
            ["flags"] = torch.tensor(new[] { true, false, true }),
        };
        var stream = new MemoryStream();
        SafeTensorsFormat.Write(stream, tensors, new Dictionary<string, string> { ["format"] = "pt", ["ünïcode"] = "välue" });

        var bytes = stream.ToArray();
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, (8 + headerLength) % 8);

        using var file = SafeTensorsFormat.Read(new MemoryStream(bytes));
        TinyBert.AssertSameTensors(tensors, file.Tensors);
        Assert.Equal("välue", file.Metadata["ünïcode"]);
        TinyBert.Dispose(tensors.Values);
    }

    [Fact]
    public void Mixed_dtypes_are_laid_out_in_the_reference_order_then_by_name()
    {
        using var z = torch.ones(2);
        using var a = torch.ones(2).to(torch.bfloat16);
        using var m = torch.ones(2, dtype: torch.int64);
        using var b = torch.ones(3).to(torch.float16);
        using var y = torch.ones(1);
        var stream = new MemoryStream();
        SafeTensorsFormat.Write(stream, new Dictionary<string, torch.Tensor> { ["z"] = z, ["a"] = a, ["m"] = m, ["b"] = b, ["y"] = y });
        using var file = SafeTensorsFormat.Read(new MemoryStream(stream.ToArray()));
        Assert.Equal(new[] { "m", "y", "z", "a", "b" }, file.Entries.Select(entry => entry.Name));
        Assert.All(file.Entries, entry => Assert.Equal(0, entry.Begin % entry.DType.ElementSize()));
    }

    [Fact]
    public void Write_stores_a_transposed_view_in_row_major_order()
    {
        using var matrix = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        using var transposed = matrix.t();
        var stream = new MemoryStream();
        SafeTensorsFormat.Write(stream, new Dictionary<string, torch.Tensor> { ["t"] = transposed });
        using var file = SafeTensorsFormat.Read(new MemoryStream(stream.ToArray()));
        Assert.Equal(new[] { 0f, 3f, 1f, 4f, 2f, 5f }, file.Tensors["t"].data<float>().ToArray());
    }

    [Fact]
    public void WriteFile_replaces_atomically_and_leaves_no_temporary_files()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("model.safetensors");
        using var first = torch.ones(3);
        using var second = torch.zeros(4);
        SafeTensorsFormat.WriteFile(path, new Dictionary<string, torch.Tensor> { ["x"] = first });
        SafeTensorsFormat.WriteFile(path, new Dictionary<string, torch.Tensor> { ["x"] = second });
        using var file = SafeTensorsFormat.ReadFile(path);
        Assert.Equal(new long[] { 4 }, file.Tensors["x"].shape);
        Assert.Equal(new[] { "model.safetensors" }, Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("""{"x":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}}""", 1, "field 'dtype'")]
    [InlineData("""{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", 4, "needs 8")]
    [InlineData("""{"x":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "leaves a gap")]
    [InlineData("""{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"y":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}}""", 8, "overlaps")]
    [InlineData("""{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 12, "trailing bytes")]
    [InlineData("""{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", 4, "negative dimension")]
    [InlineData("""{"x":{"dtype":"F32","data_offsets":[0,4]}}""", 4, "field 'shape'")]
    [InlineData("""{"__metadata__":{"format":1}}""", 0, "__metadata__.format")]
    [InlineData("""[1,2]""", 0, "not an object")]
    [InlineData("""{"x":""", 0, "not valid JSON")]
    public void Read_rejects_malformed_files_naming_the_file_tensor_and_field(string header, int dataBytes, string expected)
    {
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFormat.Read(new MemoryStream(Build(header, new byte[dataBytes])), "bad.safetensors"));
        Assert.StartsWith("bad.safetensors: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Read_rejects_a_header_length_beyond_the_file_and_a_truncated_tensor()
    {
        var tooLong = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(tooLong, 1000);
        Assert.Contains("runs past the end", Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFormat.Read(new MemoryStream(tooLong), "f")).Message);

        // A non-seekable stream cannot be checked up front: the read itself must notice the cut.
        var truncated = Build("""{"x":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", new byte[6]);
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFormat.Read(new ForwardOnlyStream(truncated), "cut.safetensors"));
        Assert.Contains("tensor 'x'", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    private static byte[] Build(string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
