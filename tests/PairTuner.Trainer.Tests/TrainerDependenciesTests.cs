using System.Reflection;
using PairTuner.Trainer;

namespace PairTuner.Trainer.Tests;

/// <summary>The trainer image holds pairtuner-trainer and what it references: none of the local host, the benchmarks or ONNX Runtime.</summary>
public sealed class TrainerDependenciesTests
{
    [Fact]
    public void The_trainer_references_no_web_host_task_hub_benchmark_or_onnx_runtime_assembly()
    {
        var closure = ReferenceClosure(typeof(TrainCommand).Assembly);

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

    /// <summary>Every assembly reachable through metadata references, loaded as the runtime would.</summary>
    private static SortedSet<string> ReferenceClosure(Assembly root)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal) { root.GetName().Name! };
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is not { } name || !seen.Add(name) || IsFramework(name))
                {
                    continue;
                }

                try
                {
                    pending.Push(Assembly.Load(reference));
                }
                catch (FileNotFoundException)
                {
                    // Referenced but not shipped (an optional dependency of a package): its name still counts.
                }
            }
        }

        return seen;
    }

    private static bool IsFramework(string name)
        => name is "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Win32", StringComparison.Ordinal);
}
