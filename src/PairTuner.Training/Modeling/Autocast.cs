using PairTuner.Contracts.Jobs;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>
/// TorchSharp has no <c>torch.autocast</c>, so the encoder's layers ask this thread-local switch
/// which dtype their matrix products should use. <see cref="Enter"/> scopes it like PyTorch's
/// <c>with torch.autocast(...)</c>; weights are never converted in place.
/// </summary>
public static class Autocast
{
    [ThreadStatic] private static Precision current;

    /// <summary>The precision in force on this thread (<see cref="Precision.Fp32"/> outside any scope).</summary>
    public static Precision Current => current;

    /// <summary>The dtype matrix products use now.</summary>
    internal static ScalarType MatmulDtype => current == Precision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;

    /// <summary>Sets <paramref name="precision"/> until the returned scope is disposed, then restores the previous one.</summary>
    public static IDisposable Enter(Precision precision)
    {
        var previous = current;
        current = precision;
        return new Scope(previous);
    }

    /// <summary>Casts <paramref name="tensor"/> to <paramref name="dtype"/> unless it already is.</summary>
    internal static Tensor CastTo(Tensor tensor, ScalarType dtype) => tensor.dtype == dtype ? tensor : tensor.to_type(dtype);

    private sealed class Scope(Precision previous) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            current = previous;
        }
    }
}
