using System.Runtime.InteropServices;
using PairTuner.Training.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Onnx;

/// <summary>
/// Moves BERT weights between an ONNX export and Hugging Face-named torch tensors: reading every
/// parameter out of the graph (the builtin all-MiniLM-L6-v2 has no other copy offline), and writing
/// tuned weights back into the same graph so ONNX Runtime serves the tuned model.
/// </summary>
public static class OnnxWeights
{
    /// <summary>
    /// Every parameter of <paramref name="config"/> (default all-MiniLM-L6-v2) from the ONNX model in
    /// <paramref name="onnx"/>: Hugging Face names, torch layout ([out, in] for linear weights), float32 on the CPU.
    /// </summary>
    public static Dictionary<string, Tensor> ReadStateDict(Stream onnx, BertConfig? config = null)
    {
        var bytes = ReadAll(onnx);
        var bindings = OnnxWeightMap.Bind(OnnxProtoReader.Read(bytes), config ?? BertConfig.MiniLmL6);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var binding in bindings)
        {
            var init = binding.Initializer;
            var values = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(init.DataOffset, init.DataLength)).ToArray();
            var stored = tensor(values, init.Dims.ToArray());
            if (binding.Transposed)
            {
                result[binding.Name] = stored.t().contiguous();
                stored.Dispose();
            }
            else
            {
                result[binding.Name] = stored;
            }
        }

        return result;
    }

    /// <summary>
    /// Copies <paramref name="baseOnnx"/> to <paramref name="output"/> with each weight initializer's
    /// bytes replaced by <paramref name="tuned"/>'s values (transposed back to [in, out] for MatMul
    /// weights). Everything else, graph and byte order alike, stays identical, so an unchanged state
    /// dict reproduces the base file byte for byte. Every parameter must be present in <paramref name="tuned"/>.
    /// </summary>
    public static void WriteBack(Stream baseOnnx, IReadOnlyDictionary<string, Tensor> tuned, Stream output, BertConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(tuned);
        ArgumentNullException.ThrowIfNull(output);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this writer runs on little-endian machines only.");
        }

        var bytes = ReadAll(baseOnnx);
        var bindings = OnnxWeightMap.Bind(OnnxProtoReader.Read(bytes), config ?? BertConfig.MiniLmL6);
        var missing = bindings.Where(b => !tuned.ContainsKey(b.Name)).Select(b => b.Name).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"The tuned weights lack {missing.Count} parameters: {string.Join(", ", missing)}.", nameof(tuned));
        }

        foreach (var binding in bindings)
        {
            using var scope = NewDisposeScope();
            var source = tuned[binding.Name].detach().to(CPU).to_type(ScalarType.Float32);
            var expectedShape = binding.Transposed ? binding.Initializer.Dims.Reverse().ToArray() : binding.Initializer.Dims.ToArray();
            if (!source.shape.SequenceEqual(expectedShape))
            {
                throw new ArgumentException(
                    $"Tuned {binding.Name} is [{string.Join(", ", source.shape)}], expected [{string.Join(", ", expectedShape)}].", nameof(tuned));
            }

            var stored = (binding.Transposed ? source.t() : source).contiguous();
            var values = stored.data<float>().ToArray();
            MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(bytes.AsSpan(binding.Initializer.DataOffset, binding.Initializer.DataLength));
        }

        output.Write(bytes);
    }

    private static byte[] ReadAll(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Always a private copy: WriteBack patches it in place.
        using var copy = stream.CanSeek ? new MemoryStream(checked((int)(stream.Length - stream.Position))) : new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
