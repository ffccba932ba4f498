using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Runtime;

/// <summary>
/// Where the model computes, and every decision that differs between the CPU and CUDA, in one place:
/// resolving <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> (and failing at once, never falling back to the
/// CPU, when CUDA is asked for and absent), the attention path, what a bf16 run should be warned
/// about, how timings wait for the device, and what memory figures mean. The CUDA side asks an
/// <see cref="ICudaRuntime"/>, so tests drive it on a machine without a GPU.
/// </summary>
public sealed record ComputeDevice(DeviceType Type, int Index)
{
    public static ComputeDevice Cpu { get; } = new(DeviceType.CPU, 0);

    public bool IsCuda => Type == DeviceType.CUDA;

    /// <summary>The TorchSharp device to put tensors on.</summary>
    public Device Torch => IsCuda ? new Device(DeviceType.CUDA, Index) : CPU;

    public override string ToString() => IsCuda ? $"cuda:{Index.ToString(CultureInfo.InvariantCulture)}" : "cpu";

    /// <summary>Reads a device name without asking the hardware: <c>cpu</c>, <c>cuda</c> (device 0) or <c>cuda:N</c>, any case.</summary>
    public static ComputeDevice Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = name.Trim().ToLowerInvariant();
        if (normalized == "cpu")
        {
            return Cpu;
        }

        if (normalized == "cuda")
        {
            return new ComputeDevice(DeviceType.CUDA, 0);
        }

        if (normalized.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(normalized.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return new ComputeDevice(DeviceType.CUDA, index);
        }

        throw new ArgumentException($"Unknown device '{name}'; use cpu, cuda or cuda:N.", nameof(name));
    }

    /// <summary>The device a TorchSharp tensor or module is on (a CUDA device without an index is device 0).</summary>
    public static ComputeDevice Of(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.type == DeviceType.CUDA ? new ComputeDevice(DeviceType.CUDA, Math.Max(device.index, 0)) : Cpu;
    }

    /// <summary>Parses <paramref name="name"/> and checks that the device exists in this process.</summary>
    public static ComputeDevice Resolve(string name) => Resolve(name, TorchSharpCuda.Instance);

    /// <inheritdoc cref="Resolve(string)"/>
    public static ComputeDevice Resolve(string name, ICudaRuntime cuda)
    {
        ArgumentNullException.ThrowIfNull(cuda);
        var device = Parse(name);
        if (!device.IsCuda)
        {
            return device;
        }

        if (!cuda.IsAvailable)
        {
            throw new TorchUnavailableException(
                $"Device '{name}' was requested but TorchSharp sees no CUDA GPU here, and PairTuner does not fall back to the CPU. " +
                "Either this build carries the CPU libtorch (libtorch-cpu-linux-x64; the trainer image is built with " +
                "-p:PairTunerTorchBackend=cuda), or no NVIDIA GPU and driver are visible to the process (in Docker: --gpus all). " +
                "Use --device cpu to train on the CPU; in Azure, PAIRTUNER_TRAINER_GPU=none makes cpu the default.");
        }

        if (device.Index >= cuda.DeviceCount)
        {
            throw new TorchUnavailableException(
                $"Device '{name}' was requested but only {cuda.DeviceCount} CUDA device(s) are visible (cuda:0 to cuda:{cuda.DeviceCount - 1}).");
        }

        return device;
    }

    /// <summary>
    /// Whether attention goes through <c>RecomputedAttention</c> rather than
    /// <c>scaled_dot_product_attention</c>: only when training with attention dropout on the CPU,
    /// where PyTorch has no fused kernel with dropout and the math fallback keeps three
    /// [batch, heads, seq, seq] tensors per layer. CUDA's fused kernels take dropout themselves.
    /// </summary>
    public static bool RecomputesAttention(DeviceType type, bool training, double dropout) =>
        type == DeviceType.CPU && training && dropout > 0;

    /// <summary>
    /// Whether dropout keeps PairTuner's one-byte mask (<c>MaskedDropout</c>) instead of torch's own:
    /// only on the CPU, whose dropout keeps its noise in the input's dtype; CUDA's fused kernel keeps a bool mask.
    /// </summary>
    public static bool MasksDropout(DeviceType type, bool training, double p) =>
        type == DeviceType.CPU && training && p > 0 && p < 1;

    /// <summary>
    /// A warning for bf16 on this device, or null. The CPU emulates bf16 through float32 unless it has
    /// AVX-512 BF16 or AMX (<paramref name="cpuHasBf16Instructions"/>; null when unknown); CUDA
    /// computes bf16 itself (natively from Ampere, A100; emulated but correct on T4).
    /// </summary>
    public string? Bf16Warning(bool? cpuHasBf16Instructions) =>
        !IsCuda && cpuHasBf16Instructions == false
            ? "this CPU has no bfloat16 matrix instructions (AVX-512 BF16 or AMX), so PyTorch emulates bf16: steps run many times slower than fp32 and speed ratios do not measure the training code"
            : null;

    /// <summary>Waits for the device before a clock is read: CUDA queues work asynchronously, the CPU does not.</summary>
    public void Synchronize(ICudaRuntime cuda)
    {
        ArgumentNullException.ThrowIfNull(cuda);
        if (IsCuda)
        {
            cuda.Synchronize();
        }
    }

    /// <summary>What a memory figure PairTuner reports (the process's peak working set) covers on this device.</summary>
    public string MemoryNote => IsCuda
        ? "process peak working set on the host only: GPU memory is not measured (TorchSharp 0.107 exposes no CUDA memory statistics; scripts/gpu-check.sh samples nvidia-smi)"
        : "process peak working set (the whole process: model, optimizer, activations, runtime)";
}
