using TorchSharp;

namespace PairTuner.Training.ModelIO.SafeTensors;

/// <summary>
/// The tensors and the <c>__metadata__</c> strings read from one safetensors file. Owns the tensors:
/// dispose it, or take tensors out with <see cref="Detach"/> and dispose them yourself.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    private readonly Dictionary<string, torch.Tensor> _tensors;

    internal SafeTensorsFile(Dictionary<string, torch.Tensor> tensors, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafeTensorsEntry> entries)
    {
        _tensors = tensors;
        Metadata = metadata;
        Entries = entries;
    }

    /// <summary>Tensors by name, on the CPU, in their stored dtype.</summary>
    public IReadOnlyDictionary<string, torch.Tensor> Tensors => _tensors;

    /// <summary>The header's <c>__metadata__</c> map (empty when absent), e.g. <c>{"format": "pt"}</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The header records in data-offset order, as stored.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>Hands the tensors to the caller, who then owns (and disposes) them.</summary>
    public Dictionary<string, torch.Tensor> Detach()
    {
        var taken = new Dictionary<string, torch.Tensor>(_tensors, StringComparer.Ordinal);
        _tensors.Clear();
        return taken;
    }

    public void Dispose()
    {
        foreach (var tensor in _tensors.Values)
        {
            tensor.Dispose();
        }

        _tensors.Clear();
    }
}
