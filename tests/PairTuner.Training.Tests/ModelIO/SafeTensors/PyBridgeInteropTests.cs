using PairTuner.Training.ModelIO.SafeTensors;
using TorchSharp;
using PyBridgeSafetensors = TorchSharp.PyBridge.Safetensors;
using SafeTensorsFormat = PairTuner.Training.ModelIO.SafeTensors.SafeTensors;

namespace PairTuner.Training.Tests.ModelIO.SafeTensors;

/// <summary>
/// PairTuner keeps its own safetensors reader and writer (docs/model.md says why); these check that
/// its files and TorchSharp.PyBridge's are the same format, read either way.
/// </summary>
public sealed class PyBridgeInteropTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pairtuner-pybridge-").FullName;
    private readonly Dictionary<string, torch.Tensor> _tensors = new(StringComparer.Ordinal)
    {
        ["encoder.layer.0.weight"] = torch.arange(6, dtype: torch.float32).reshape(2, 3) / 7,
        ["embeddings.position_ids"] = torch.arange(4, dtype: torch.int64).unsqueeze(0),
        ["half.bf16"] = torch.linspace(-1, 1, 5).to(torch.bfloat16),
        ["half.f16"] = torch.linspace(-2, 2, 3).to(torch.float16),
        ["naïve.mask"] = torch.tensor(new[] { true, false, true }),
    };

    [Fact]
    public void PyBridge_reads_what_PairTuner_writes()
    {
        var path = Path.Combine(_folder, "pairtuner.safetensors");
        SafeTensorsFormat.WriteFile(path, _tensors, new Dictionary<string, string> { ["format"] = "pt" });

        var read = PyBridgeSafetensors.LoadStateDict(path);
        try
        {
            AssertSame(read);
        }
        finally
        {
            foreach (var tensor in read.Values)
            {
                tensor.Dispose();
            }
        }
    }

    [Fact]
    public void PairTuner_reads_what_PyBridge_writes()
    {
        var path = Path.Combine(_folder, "pybridge.safetensors");
        using (var stream = File.Create(path))
        {
            PyBridgeSafetensors.SaveStateDict(stream, _tensors);
        }

        using var file = SafeTensorsFormat.ReadFile(path);
        AssertSame(file.Tensors);
        Assert.Empty(file.Metadata);
    }

    public void Dispose()
    {
        foreach (var tensor in _tensors.Values)
        {
            tensor.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private void AssertSame(IReadOnlyDictionary<string, torch.Tensor> read)
    {
        Assert.Equal(_tensors.Keys.Order(StringComparer.Ordinal), read.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, expected) in _tensors)
        {
            var actual = read[name];
            Assert.Equal(expected.dtype, actual.dtype);
            Assert.Equal(expected.shape, actual.shape);
            using var same = expected.eq(actual).all();
            Assert.True(same.item<bool>(), $"{name} differs");
        }
    }
}
