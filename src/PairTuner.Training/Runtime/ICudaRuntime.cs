namespace PairTuner.Training.Runtime;

/// <summary>
/// What PairTuner asks of CUDA: whether it is there, how many devices, and a barrier for timing.
/// TorchSharp 0.107 answers these and no more (no compute capability, no memory statistics).
/// </summary>
public interface ICudaRuntime
{
    bool IsAvailable { get; }

    int DeviceCount { get; }

    /// <summary>Waits until the GPU finished the work queued so far (timings are meaningless without it).</summary>
    void Synchronize();
}
