using Google.Protobuf;
using PairTuner.Training.Onnx;

namespace PairTuner.Training.Tests.Onnx;

public class OnnxProtoReaderTests
{
    [Fact]
    public void Reads_packed_dims_float_data_and_skips_fields_it_does_not_need()
    {
        // TensorProto: name, packed dims [2, 3], data_type FLOAT, explicit data_location DEFAULT, float_data, doc_string.
        var tensor = Message(w =>
        {
            w.WriteTag(8, WireFormat.WireType.LengthDelimited); w.WriteString("w");
            w.WriteTag(1, WireFormat.WireType.LengthDelimited); w.WriteLength(2); w.WriteRawTag(2); w.WriteRawTag(3);
            w.WriteTag(2, WireFormat.WireType.Varint); w.WriteInt32(1);
            w.WriteTag(14, WireFormat.WireType.Varint); w.WriteInt32(0);
            w.WriteTag(4, WireFormat.WireType.LengthDelimited); w.WriteLength(24);
            for (var i = 0; i < 6; i++) w.WriteFloat(i + 0.5f);
            w.WriteTag(12, WireFormat.WireType.LengthDelimited); w.WriteString("ignored");
        });
        var node = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited); w.WriteString("x");
            w.WriteTag(1, WireFormat.WireType.LengthDelimited); w.WriteString("w");
            w.WriteTag(2, WireFormat.WireType.LengthDelimited); w.WriteString("y");
            w.WriteTag(4, WireFormat.WireType.LengthDelimited); w.WriteString("MatMul");
        });
        var graph = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited); w.WriteBytes(ByteString.CopyFrom(node));
            w.WriteTag(5, WireFormat.WireType.LengthDelimited); w.WriteBytes(ByteString.CopyFrom(tensor));
        });
        var model = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.Varint); w.WriteInt64(8); // ir_version
            w.WriteTag(7, WireFormat.WireType.LengthDelimited); w.WriteBytes(ByteString.CopyFrom(graph));
        });

        var parsed = OnnxProtoReader.Read(model);

        var init = Assert.Single(parsed.Initializers);
        Assert.Equal("w", init.Name);
        Assert.Equal(new long[] { 2, 3 }, init.Dims);
        Assert.Equal(OnnxTensorStorage.FloatData, init.Storage);
        Assert.Equal(24, init.DataLength);
        Assert.Equal(2.5f, BitConverter.ToSingle(model, init.DataOffset + 8));
        var matmul = Assert.Single(parsed.Nodes);
        Assert.Equal("MatMul", matmul.OpType);
        Assert.Equal(new[] { "x", "w" }, matmul.Inputs);
        Assert.Equal(new[] { "y" }, matmul.Outputs);
    }

    [Fact]
    public void A_file_without_a_graph_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => OnnxProtoReader.Read(Message(w => { w.WriteTag(1, WireFormat.WireType.Varint); w.WriteInt64(8); })));
        Assert.Contains("no graph", error.Message);
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }
}
