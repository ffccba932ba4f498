using PairTuner.Training.Runtime;

namespace PairTuner.Training.Tests.Runtime;

/// <summary>A CUDA runtime with as many GPUs as a test says: the CPU build here never has one.</summary>
internal sealed class FakeCudaRuntime(int devices) : ICudaRuntime
{
    public bool IsAvailable => devices > 0;

    public int DeviceCount => devices;

    public int Synchronizations { get; private set; }

    public void Synchronize() => Synchronizations++;
}
