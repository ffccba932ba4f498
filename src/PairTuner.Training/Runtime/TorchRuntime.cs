using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Runtime;

/// <summary>
/// Turns TorchSharp's native-library failures into one actionable error. TorchSharp loads libtorch on
/// the first tensor operation and, when the loader refuses <c>libLibTorchSharp.so</c>, reports a
/// misleading "doesn't contain a reference to libtorch-cpu-linux-x64" from a type initializer.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lazy<Exception?> LoadFailure = new(() => Probe(() =>
    {
        using var t = ones(1);
        _ = t.sum().item<float>();
    }));

    /// <summary>Throws <see cref="TorchUnavailableException"/> unless a tensor operation runs in this process.</summary>
    public static void EnsureAvailable()
    {
        if (LoadFailure.Value is { } failure)
        {
            throw new TorchUnavailableException(Explain(failure), failure);
        }
    }

    /// <summary>Resolves <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>, failing clearly where CUDA is absent (<see cref="ComputeDevice"/>).</summary>
    public static Device ResolveDevice(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        EnsureAvailable();
        return ComputeDevice.Resolve(name).Torch;
    }

    /// <summary>Runs <paramref name="firstOperation"/> and returns the native-load failure it raised, if any.</summary>
    internal static Exception? Probe(Action firstOperation)
    {
        try
        {
            firstOperation();
            return null;
        }
        catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
        {
            return e;
        }
    }

    internal static string Explain(Exception failure)
    {
        var inner = failure;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return "TorchSharp could not load its native libraries (libLibTorchSharp.so and libtorch). Check that: " +
               "(1) the build output folder holds libLibTorchSharp.so, libtorch.so and libtorch_cpu.so (restore the " +
               "libtorch-cpu-linux-x64 package and run from the build or publish output, not a copied DLL); " +
               "(2) the system libstdc++ provides what libLibTorchSharp.so needs: on Debian 12 / Ubuntu 22.04 the build " +
               "marks its GLIBCXX_3.4.32 need as weak (build/TorchSharpGlibcxxFix.targets), so rebuild rather than copying " +
               "binaries from another machine, and see docs/troubleshooting.md; " +
               "(3) `ldd libLibTorchSharp.so` in the output folder lists no 'not found'. " +
               $"TorchSharp said: {inner.Message}";
    }
}
