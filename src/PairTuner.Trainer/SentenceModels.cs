using PairTuner.Contracts.Jobs;
using PairTuner.Training.Runtime;
using PairTuner.Training.Trainer;

namespace PairTuner.Trainer;

/// <summary>Loads the model a run trains, after checking the device it asks for exists.</summary>
public static class SentenceModels
{
    public static ISentenceModel Load(TrainingOptions options) => EncoderSentenceModel.Load(options);

    /// <summary>Fails early and plainly when <c>--device cuda</c> has no GPU behind it (no CPU fallback).</summary>
    public static void EnsureDevice(string device)
    {
        TorchRuntime.EnsureAvailable();
        try
        {
            ComputeDevice.Resolve(device);
        }
        catch (TorchUnavailableException e)
        {
            // train reports NotSupportedException as a one-line error and exit code 1.
            throw new NotSupportedException($"--device {device}: {e.Message}", e);
        }
    }
}
