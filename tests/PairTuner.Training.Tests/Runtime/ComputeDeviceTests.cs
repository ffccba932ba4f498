using PairTuner.Training.Runtime;
using TorchSharp;

namespace PairTuner.Training.Tests.Runtime;

/// <summary>
/// Everything that differs on CUDA, decided by <see cref="ComputeDevice"/> and driven here through a
/// fake CUDA runtime, since this machine's libtorch is the CPU build.
/// </summary>
public sealed class ComputeDeviceTests
{
    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData(" CPU ", "cpu")]
    [InlineData("cuda", "cuda:0")]
    [InlineData("CUDA:1", "cuda:1")]
    public void Names_parse_without_asking_the_hardware(string name, string expected)
        => Assert.Equal(expected, ComputeDevice.Parse(name).ToString());

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda0")]
    public void Unknown_names_are_refused(string name)
        => Assert.Throws<ArgumentException>(() => ComputeDevice.Parse(name));

    [Fact]
    public void Cuda_without_a_gpu_fails_at_once_and_never_falls_back_to_the_cpu()
    {
        var error = Assert.Throws<TorchUnavailableException>(() => ComputeDevice.Resolve("cuda", new FakeCudaRuntime(0)));
        Assert.Contains("no CUDA GPU", error.Message);
        Assert.Contains("does not fall back to the CPU", error.Message);
        Assert.Contains("PAIRTUNER_TRAINER_GPU=none", error.Message);
        Assert.Equal(ComputeDevice.Cpu, ComputeDevice.Resolve("cpu", new FakeCudaRuntime(0)));
    }

    [Fact]
    public void The_real_runtime_of_this_cpu_build_has_no_gpu()
    {
        TorchRuntime.EnsureAvailable();
        Assert.Throws<TorchUnavailableException>(() => ComputeDevice.Resolve("cuda"));
        Assert.Throws<TorchUnavailableException>(() => TorchRuntime.ResolveDevice("cuda:0"));
    }

    [Fact]
    public void A_cuda_index_must_be_visible()
    {
        var two = new FakeCudaRuntime(2);
        Assert.Equal(new ComputeDevice(DeviceType.CUDA, 1), ComputeDevice.Resolve("cuda:1", two));
        var error = Assert.Throws<TorchUnavailableException>(() => ComputeDevice.Resolve("cuda:2", two));
        Assert.Contains("only 2 CUDA device(s)", error.Message);
    }

    [Fact]
    public void Only_cpu_training_with_dropout_takes_the_recomputed_attention_and_the_byte_mask()
    {
        Assert.True(ComputeDevice.RecomputesAttention(DeviceType.CPU, training: true, dropout: 0.1));
        Assert.False(ComputeDevice.RecomputesAttention(DeviceType.CUDA, training: true, dropout: 0.1));
        Assert.False(ComputeDevice.RecomputesAttention(DeviceType.CPU, training: false, dropout: 0.1));
        Assert.False(ComputeDevice.RecomputesAttention(DeviceType.CPU, training: true, dropout: 0));

        Assert.True(ComputeDevice.MasksDropout(DeviceType.CPU, training: true, p: 0.1));
        Assert.False(ComputeDevice.MasksDropout(DeviceType.CUDA, training: true, p: 0.1));
        Assert.False(ComputeDevice.MasksDropout(DeviceType.CPU, training: true, p: 1));
    }

    [Fact]
    public void Bf16_is_warned_about_only_on_a_cpu_without_bf16_matrix_instructions()
    {
        Assert.NotNull(ComputeDevice.Cpu.Bf16Warning(cpuHasBf16Instructions: false));
        Assert.Null(ComputeDevice.Cpu.Bf16Warning(cpuHasBf16Instructions: true));
        Assert.Null(ComputeDevice.Cpu.Bf16Warning(cpuHasBf16Instructions: null));
        Assert.Null(ComputeDevice.Parse("cuda").Bf16Warning(cpuHasBf16Instructions: false));
    }

    [Fact]
    public void Timings_wait_for_cuda_only_and_memory_notes_say_what_they_cover()
    {
        var cuda = new FakeCudaRuntime(1);
        ComputeDevice.Cpu.Synchronize(cuda);
        Assert.Equal(0, cuda.Synchronizations);
        ComputeDevice.Parse("cuda").Synchronize(cuda);
        Assert.Equal(1, cuda.Synchronizations);

        Assert.Contains("GPU memory is not measured", ComputeDevice.Parse("cuda").MemoryNote);
        Assert.Contains("whole process", ComputeDevice.Cpu.MemoryNote);
    }

    [Fact]
    public void A_tensors_device_maps_back_to_a_compute_device()
    {
        Assert.Equal(ComputeDevice.Cpu, ComputeDevice.Of(torch.CPU));
        Assert.Equal(new ComputeDevice(DeviceType.CUDA, 0), ComputeDevice.Of(new torch.Device(DeviceType.CUDA)));
        Assert.Equal(new ComputeDevice(DeviceType.CUDA, 3), ComputeDevice.Of(new torch.Device(DeviceType.CUDA, 3)));
    }
}
