using PairTuner.Core.Jobs;
using PairTuner.Training.Trainer;
using TorchSharp;

namespace PairTuner.Trainer;

/// <summary>Loads the model a run trains, after checking the device it asks for exists.</summary>
public static class SentenceModels
{
    public static ISentenceModel Load(TrainingOptions options) => EncoderSentenceModel.Load(options);

    /// <summary>Fails early and plainly when <c>--device cuda</c> has no GPU behind it.</summary>
    public static void EnsureDevice(string device)
    {
        if (!device.StartsWith("cuda", StringComparison.Ordinal))
        {
            return;
        }

        if (!torch.cuda.is_available())
        {
            throw new NotSupportedException(
                $"--device {device}: TorchSharp sees no CUDA GPU here. This build carries the CPU libtorch (libtorch-cpu-linux-x64); "
                + "the GPU container is built with -p:PairTunerTorchBackend=cuda and needs an NVIDIA driver. Use --device cpu to train on the CPU.");
        }

        var index = device.Length > 5 && int.TryParse(device.AsSpan(5), out var i) ? i : 0;
        if (index >= torch.cuda.device_count())
        {
            throw new NotSupportedException($"--device {device}: only {torch.cuda.device_count()} CUDA device(s) are visible.");
        }
    }
}
