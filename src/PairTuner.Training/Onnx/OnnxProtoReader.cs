using Google.Protobuf;

namespace PairTuner.Training.Onnx;

/// <summary>
/// A small reader for the few ONNX protobuf fields weight mapping needs, over Google.Protobuf's
/// <see cref="CodedInputStream"/>, without generated ONNX classes. It records each initializer's
/// byte range in the file instead of copying it, which is what lets <see cref="OnnxWeights.WriteBack"/>
/// patch weights while leaving every other byte of the graph untouched.
/// Field numbers are onnx.proto's: ModelProto.graph = 7; GraphProto node = 1, initializer = 5,
/// input = 11, output = 12; NodeProto input = 1, output = 2, name = 3, op_type = 4; TensorProto
/// dims = 1, data_type = 2, float_data = 4, name = 8, raw_data = 9, data_location = 14;
/// ValueInfoProto name = 1.
/// </summary>
public static class OnnxProtoReader
{
    private const int WireLengthDelimited = 2;

    /// <summary>Parses the graph of the ONNX model in <paramref name="model"/> (the whole file).</summary>
    public static OnnxGraph Read(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        OnnxGraph? graph = null;
        foreach (var field in Fields(model, 0, model.Length))
        {
            if (field.Number == 7 && field.IsLengthDelimited)
            {
                graph = ReadGraph(model, field.Offset, field.Length);
            }
        }

        return graph ?? throw new InvalidDataException("The ONNX file has no graph (ModelProto field 7); is it an ONNX model?");
    }

    private static OnnxGraph ReadGraph(byte[] bytes, int start, int length)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxInitializer>();
        var inputs = new List<string>();
        var outputs = new List<string>();
        foreach (var field in Fields(bytes, start, length))
        {
            if (!field.IsLengthDelimited) continue;
            switch (field.Number)
            {
                case 1: nodes.Add(ReadNode(bytes, field.Offset, field.Length)); break;
                case 5: initializers.Add(ReadTensor(bytes, field.Offset, field.Length)); break;
                case 11: inputs.Add(ReadValueInfoName(bytes, field.Offset, field.Length)); break;
                case 12: outputs.Add(ReadValueInfoName(bytes, field.Offset, field.Length)); break;
            }
        }

        return new OnnxGraph(nodes, initializers, inputs, outputs);
    }

    private static OnnxNode ReadNode(byte[] bytes, int start, int length)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        string name = "", opType = "";
        foreach (var field in Fields(bytes, start, length))
        {
            if (!field.IsLengthDelimited) continue;
            switch (field.Number)
            {
                case 1: inputs.Add(Utf8(bytes, field)); break;
                case 2: outputs.Add(Utf8(bytes, field)); break;
                case 3: name = Utf8(bytes, field); break;
                case 4: opType = Utf8(bytes, field); break;
            }
        }

        return new OnnxNode(name, opType, inputs, outputs);
    }

    private static OnnxInitializer ReadTensor(byte[] bytes, int start, int length)
    {
        var dims = new List<long>();
        string name = "";
        int dataType = 0;
        var storage = OnnxTensorStorage.None;
        int dataOffset = 0, dataLength = 0;
        var input = new CodedInputStream(bytes, start, length);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var wire = (int)WireFormat.GetTagWireType(tag);
            if (number == 1 && wire == 0)
            {
                dims.Add(input.ReadInt64());
            }
            else if (number == 1 && wire == WireLengthDelimited)
            {
                // Packed dims.
                var packedLength = input.ReadLength();
                var packedStart = (int)input.Position;
                var packed = new CodedInputStream(bytes, packedStart, packedLength);
                while (!packed.IsAtEnd) dims.Add(packed.ReadInt64());
                input = Resume(bytes, start, length, packedStart + packedLength);
            }
            else if (number == 2 && wire == 0)
            {
                dataType = input.ReadInt32();
            }
            else if (number == 14 && wire == 0)
            {
                if (input.ReadInt32() == 1)
                {
                    throw new InvalidDataException($"Initializer '{name}' keeps its data in an external file; PairTuner reads self-contained ONNX files only.");
                }
            }
            else if ((number is 4 or 8 or 9) && wire == WireLengthDelimited)
            {
                var (offset, size) = LengthDelimited(input, bytes, start, length);
                switch (number)
                {
                    case 4: storage = OnnxTensorStorage.FloatData; dataOffset = offset; dataLength = size; break;
                    case 8: name = System.Text.Encoding.UTF8.GetString(bytes, offset, size); break;
                    case 9: storage = OnnxTensorStorage.RawData; dataOffset = offset; dataLength = size; break;
                }

                input = Resume(bytes, start, length, offset + size);
            }
            else
            {
                input.SkipLastField();
            }
        }

        return new OnnxInitializer(name, dataType, dims, storage, dataOffset, dataLength);
    }

    private static string ReadValueInfoName(byte[] bytes, int start, int length)
    {
        foreach (var field in Fields(bytes, start, length))
        {
            if (field.Number == 1 && field.IsLengthDelimited) return Utf8(bytes, field);
        }

        return "";
    }

    private static string Utf8(byte[] bytes, Field field) => System.Text.Encoding.UTF8.GetString(bytes, field.Offset, field.Length);

    /// <summary>The top-level fields of the message at [start, start + length), with absolute payload offsets.</summary>
    private static IEnumerable<Field> Fields(byte[] bytes, int start, int length)
    {
        var input = new CodedInputStream(bytes, start, length);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                var (offset, size) = LengthDelimited(input, bytes, start, length);
                yield return new Field(number, true, offset, size);
                input = Resume(bytes, start, length, offset + size);
            }
            else
            {
                input.SkipLastField();
                yield return new Field(number, false, 0, 0);
            }
        }
    }

    /// <summary>Reads a length prefix and returns the payload's absolute offset and size, checked against the message.</summary>
    private static (int Offset, int Size) LengthDelimited(CodedInputStream input, byte[] bytes, int start, int length)
    {
        var size = input.ReadLength();
        var offset = (int)input.Position;
        if (offset < start || size < 0 || (long)offset + size > (long)start + length || offset + size > bytes.Length)
        {
            throw new InvalidDataException($"Truncated or corrupt ONNX protobuf: a field of {size} bytes at offset {offset} runs past its message.");
        }

        return (offset, size);
    }

    /// <summary>
    /// Continues reading the message at [start, start + length) from absolute position <paramref name="at"/>.
    /// A fresh stream over the remaining bytes skips a large payload (the 46 MB word embeddings)
    /// without copying it, which <see cref="CodedInputStream"/> cannot do after its length was read.
    /// </summary>
    private static CodedInputStream Resume(byte[] bytes, int start, int length, int at) => new(bytes, at, start + length - at);

    private readonly record struct Field(int Number, bool IsLengthDelimited, int Offset, int Length);
}
