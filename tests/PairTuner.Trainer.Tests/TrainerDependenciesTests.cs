using PairTuner.Tests;
using PairTuner.Trainer;

namespace PairTuner.Trainer.Tests;

/// <summary>The trainer image holds pairtuner-trainer and what it references: none of the local host, the benchmarks or ONNX Runtime.</summary>
public sealed class TrainerDependenciesTests
{
    [Fact]
    public void The_trainer_references_no_web_host_task_hub_benchmark_or_onnx_runtime_assembly()
    {
        var closure = AssemblyClosure.Of(typeof(TrainCommand).Assembly);

        Assert.Contains("PairTuner.Training", closure);
        Assert.Contains("TorchSharp", closure);
        Assert.Contains("Azure.Storage.Blobs", closure);
        foreach (var name in closure)
        {
            Assert.False(name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal), name);
            Assert.False(name.StartsWith("Grpc.", StringComparison.Ordinal), name);
            Assert.False(name.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal), name);
            Assert.False(name.StartsWith("DurableTask.AzureStorage", StringComparison.Ordinal), name);
            Assert.DoesNotContain(name, new[] { "pairtuner", "pairtuner-bench", "Microsoft.DurableTask.Worker.Grpc", "Microsoft.DurableTask.Client.Grpc" });
        }
    }
}
