using TorchSharp;

namespace PairTuner.Training.Tests.Runtime;

public class TorchSharpLoadsTests
{
    [Fact]
    public void First_tensor_operation_runs_in_the_build_output()
    {
        // Fails with "doesn't contain a reference to libtorch-cpu-linux-x64" when the build did not
        // weaken libLibTorchSharp.so's GLIBCXX_3.4.32 need on a system whose libstdc++ lacks it.
        using var a = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        using var b = a.matmul(a.t());
        Assert.Equal(new long[] { 2, 2 }, b.shape);
        Assert.Equal(50f, b[1, 1].item<float>()); // 3*3 + 4*4 + 5*5
        Assert.Equal(14f, b[0, 1].item<float>()); // 0*3 + 1*4 + 2*5
    }
}
