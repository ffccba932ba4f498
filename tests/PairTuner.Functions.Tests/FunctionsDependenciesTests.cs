using PairTuner.Functions.Http;
using PairTuner.Tests;

namespace PairTuner.Functions.Tests;

/// <summary>
/// The Functions app orchestrates and never trains: nothing of TorchSharp, the model code, ONNX
/// Runtime, the benchmarks or the CLI can be loaded by it (docs/design.md, "Parts").
/// </summary>
public sealed class FunctionsDependenciesTests
{
    [Fact]
    public void The_app_references_no_torch_model_onnx_runtime_benchmark_or_cli_assembly()
    {
        var closure = AssemblyClosure.Of(typeof(RunsHttp).Assembly);

        Assert.Contains("PairTuner.Workflow", closure);
        Assert.Contains("Microsoft.Azure.Functions.Worker.Core", closure);
        foreach (var name in closure)
        {
            Assert.False(name.StartsWith("TorchSharp", StringComparison.Ordinal), name);
            Assert.False(name.StartsWith("Microsoft.ML", StringComparison.Ordinal), name);
            Assert.False(name.StartsWith("SentenceTransformers", StringComparison.Ordinal), name);
            Assert.DoesNotContain(name, new[] { "PairTuner.Training", "PairTuner.Trainer", "pairtuner", "pairtuner-trainer", "pairtuner-bench" });
        }
    }
}
