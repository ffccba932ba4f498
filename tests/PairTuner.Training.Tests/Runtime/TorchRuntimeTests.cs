using PairTuner.Training.Runtime;

namespace PairTuner.Training.Tests.Runtime;

public class TorchRuntimeTests
{
    [Fact]
    public void Torch_is_available_in_the_build_output()
    {
        TorchRuntime.EnsureAvailable();
        Assert.Equal("cpu", TorchRuntime.ResolveDevice("CPU").type.ToString().ToLowerInvariant());
    }

    [Fact]
    public void A_native_load_failure_becomes_an_explanation_not_a_crash()
    {
        // What TorchSharp throws when the loader refuses libLibTorchSharp.so (e.g. GLIBCXX_3.4.32 not found).
        var failure = TorchRuntime.Probe(() => throw new TypeInitializationException(
            "TorchSharp.torch",
            new NotSupportedException("The libtorch-cpu-linux-x64 package version 2.10.0 doesn't contain a reference to libtorch-cpu-linux-x64")));
        Assert.NotNull(failure);
        var message = TorchRuntime.Explain(failure);
        Assert.Contains("GLIBCXX_3.4.32", message);
        Assert.Contains("docs/troubleshooting.md", message);
        Assert.Contains("doesn't contain a reference to libtorch-cpu-linux-x64", message);
        Assert.Null(TorchRuntime.Probe(() => { }));
    }
}
