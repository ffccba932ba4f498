using TorchSharp;

namespace PairTuner.Training.Runtime;

/// <summary>CUDA as the loaded libtorch sees it: with the CPU package (libtorch-cpu-linux-x64) it is never available.</summary>
public sealed class TorchSharpCuda : ICudaRuntime
{
    public static TorchSharpCuda Instance { get; } = new();

    private TorchSharpCuda()
    {
    }

    public bool IsAvailable => torch.cuda.is_available();

    public int DeviceCount => torch.cuda.device_count();

    public void Synchronize() => torch.cuda.synchronize();
}
