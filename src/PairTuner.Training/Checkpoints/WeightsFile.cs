using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairTuner.Training.Checkpoints;

/// <summary>
/// A checkpoint's weights: named fp32 tensors in TorchSharp's tensor format, names included so a
/// load checks it fills the same parameters. The finished model is saved as safetensors by the model
/// folder writer; this is only the trainer's private resume format.
/// </summary>
public static class WeightsFile
{
    private const string Magic = "PTW1";

    /// <summary>
    /// Writes the tensors to <paramref name="destination"/> as they are read from native memory: a
    /// checkpoint built in a byte array would leave the size of the model on the large-object heap
    /// at every save, which the GC gives back only at a full collection.
    /// </summary>
    public static void Write(IEnumerable<(string Name, Parameter Parameter)> weights, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(destination);
        var list = weights.ToArray();
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(list.Length);
        foreach (var (name, parameter) in list)
        {
            writer.Write(name);
            using var cpu = parameter.detach().to(ScalarType.Float32).cpu();
            cpu.Save(writer);
        }
    }

    /// <summary>Copies the saved tensors into <paramref name="weights"/>, which must have the same names and shapes.</summary>
    public static void Read(byte[] bytes, IEnumerable<(string Name, Parameter Parameter)> weights)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(weights);
        var targets = weights.ToDictionary(w => w.Name, w => w.Parameter, StringComparer.Ordinal);
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException("Not a PairTuner checkpoint weights file.");
        }

        var count = reader.ReadInt32();
        if (count != targets.Count)
        {
            throw new InvalidDataException($"The checkpoint holds {count} tensors; the model has {targets.Count} trainable parameters.");
        }

        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            if (!targets.TryGetValue(name, out var target))
            {
                throw new InvalidDataException($"The checkpoint's tensor '{name}' is not a parameter of this model.");
            }

            using var loaded = zeros(target.shape, ScalarType.Float32);
            loaded.Load(reader);
            using (no_grad())
            {
                target.copy_(loaded);
            }
        }
    }
}
