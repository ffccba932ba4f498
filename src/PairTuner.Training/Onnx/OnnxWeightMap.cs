using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;

namespace PairTuner.Training.Onnx;

/// <summary>
/// Names every float initializer of a BERT ONNX export with its Hugging Face parameter name. The
/// exporter keeps names for embeddings, LayerNorms, biases and Gemm weights, but folds each linear
/// weight into an unnamed [in, out] MatMul operand; the Add that follows the MatMul consumes the named
/// bias <c>X.bias</c>, so the weight is <c>X.weight</c>.
/// </summary>
public static class OnnxWeightMap
{
    /// <summary>The bindings for <paramref name="config"/>'s parameters; fails naming every parameter it cannot find.</summary>
    public static IReadOnlyList<OnnxWeightBinding> Bind(OnnxGraph graph, BertConfig config)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(config);
        var initializers = graph.Initializers.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var consumers = graph.Nodes
            .SelectMany(n => n.Inputs.Select(input => (input, node: n)))
            .ToLookup(x => x.input, x => x.node, StringComparer.Ordinal);

        var found = new Dictionary<string, OnnxWeightBinding>(StringComparer.Ordinal);
        var unnamed = new List<string>();
        foreach (var initializer in graph.Initializers.Where(i => i.IsFloat))
        {
            var matmul = consumers[initializer.Name].FirstOrDefault(n => n.OpType == "MatMul" && n.Inputs.Count == 2 && n.Inputs[1] == initializer.Name);
            if (matmul is null)
            {
                found[initializer.Name] = new OnnxWeightBinding(initializer.Name, initializer, Transposed: false);
                continue;
            }

            var bias = consumers[matmul.Outputs[0]]
                .Where(n => n.OpType == "Add")
                .SelectMany(n => n.Inputs)
                .FirstOrDefault(input => input.EndsWith(".bias", StringComparison.Ordinal) && initializers.ContainsKey(input));
            if (bias is null)
            {
                unnamed.Add(initializer.Name);
                continue;
            }

            var name = bias[..^".bias".Length] + ".weight";
            found[name] = new OnnxWeightBinding(name, initializer, Transposed: true);
        }

        var expected = BertStateDictLayout.Parameters(config);
        var problems = new List<string>();
        foreach (var (name, shape) in expected)
        {
            if (!found.TryGetValue(name, out var binding))
            {
                problems.Add($"missing {name}");
                continue;
            }

            var dims = binding.Transposed ? binding.Initializer.Dims.Reverse().ToArray() : binding.Initializer.Dims.ToArray();
            if (!dims.SequenceEqual(shape))
            {
                problems.Add($"{name} is [{string.Join(", ", dims)}], expected [{string.Join(", ", shape)}]");
            }

            if (binding.Initializer.Storage == OnnxTensorStorage.None || binding.Initializer.DataLength != binding.Initializer.ElementCount * sizeof(float))
            {
                problems.Add($"{name} (initializer '{binding.Initializer.Name}') has no inline float32 data");
            }
        }

        var expectedNames = expected.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(found.Keys.Where(k => !expectedNames.Contains(k)).Select(k => $"unexpected float initializer {k}"));
        problems.AddRange(unnamed.Select(u => $"MatMul weight '{u}' is not followed by an Add with a named bias"));
        if (problems.Count > 0)
        {
            var total = expected.Sum(e => e.Shape.Aggregate(1L, (a, b) => a * b));
            throw new InvalidDataException(
                $"The ONNX graph does not hold the {expected.Count} float tensors ({total:N0} parameters) of this BERT: {string.Join("; ", problems)}.");
        }

        return expected.Select(e => found[e.Name]).ToList();
    }
}
