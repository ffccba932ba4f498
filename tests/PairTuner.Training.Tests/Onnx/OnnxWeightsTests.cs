using Microsoft.ML.OnnxRuntime;
using PairTuner.Training.Modeling;
using PairTuner.Bench.Onnx;
using PairTuner.Training.Onnx;
using PairTuner.Training.Tests.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.Onnx;

[Collection(BuiltinModelCollection.Name)]
public class OnnxWeightsTests(BuiltinModelFixture model)
{
    [Fact]
    public void Builtin_graph_yields_all_103_float_tensors_and_22_713_216_parameters()
    {
        Assert.Equal(103, model.StateDict.Count);
        Assert.Equal(22_713_216L, model.StateDict.Values.Sum(t => t.numel()));
        Assert.Equal(new long[] { 30522, 384 }, model.StateDict["embeddings.word_embeddings.weight"].shape);
        // Linear weights come back in torch's [out, in] layout: the intermediate projection is the non-square proof.
        Assert.Equal(new long[] { 1536, 384 }, model.StateDict["encoder.layer.0.intermediate.dense.weight"].shape);
        Assert.Equal(new long[] { 384, 1536 }, model.StateDict["encoder.layer.5.output.dense.weight"].shape);
        Assert.All(model.StateDict.Values, t => Assert.Equal(ScalarType.Float32, t.dtype));
    }

    [Fact]
    public void Missing_weight_fails_naming_it()
    {
        var graph = OnnxProtoReader.Read(model.OnnxBytes);
        // Drop the MatMul operand of layer 3's value projection, as a broken export would.
        var valueMatMul = graph.Nodes.First(n => n.OpType == "Add" && n.Inputs.Contains("encoder.layer.3.attention.self.value.bias"));
        var matmulOutput = valueMatMul.Inputs.First(i => i != "encoder.layer.3.attention.self.value.bias");
        var operand = graph.Nodes.Single(n => n.Outputs.Contains(matmulOutput)).Inputs[1];
        var broken = graph with { Initializers = graph.Initializers.Where(i => i.Name != operand).ToList() };

        var error = Assert.Throws<InvalidDataException>(() => OnnxWeightMap.Bind(broken, BertConfig.MiniLmL6));
        Assert.Contains("missing encoder.layer.3.attention.self.value.weight", error.Message);
        Assert.Contains("22,713,216", error.Message);
    }

    [Fact]
    public void Writing_back_unchanged_weights_reproduces_the_file_byte_for_byte()
    {
        using var output = new MemoryStream();
        OnnxWeights.WriteBack(new MemoryStream(model.OnnxBytes), model.StateDict, output);
        Assert.True(model.OnnxBytes.AsSpan().SequenceEqual(output.ToArray()), "write-back of the read weights changed bytes");
    }

    [Fact]
    public void Written_back_weights_change_onnxruntime_output_to_match_torchsharp()
    {
        // Perturb a square MatMul weight (a missed transpose would pass a shape check), a non-square one, a bias,
        // an embedding and the Gemm pooler, then compare ONNX Runtime on the rewritten graph with TorchSharp.
        var perturbed = model.StateDict.ToDictionary(kv => kv.Key, kv => kv.Value);
        var generator = new Generator(7);
        string[] changed =
        [
            "encoder.layer.0.attention.self.query.weight",
            "encoder.layer.2.intermediate.dense.weight",
            "encoder.layer.4.output.dense.bias",
            "embeddings.word_embeddings.weight",
            "pooler.dense.weight",
        ];
        foreach (var name in changed)
        {
            var original = model.StateDict[name];
            perturbed[name] = original + randn(original.shape, generator: generator) * 0.05 * original.std();
        }

        using var rewritten = new MemoryStream();
        OnnxWeights.WriteBack(new MemoryStream(model.OnnxBytes), perturbed, rewritten);
        var bytes = rewritten.ToArray();
        Assert.Equal(model.OnnxBytes.Length, bytes.Length);

        var batch = model.Tokenizer.EncodeBatch(StsbDevSentences.Take(32));
        using var ort = OnnxRuntimeEncoder.Create(bytes, get_num_threads());
        using var tuned = SentenceEncoder.FromStateDict(BertConfig.MiniLmL6, perturbed);
        tuned.eval();
        using var noGrad = no_grad();

        var ortTuned = ort.Embed(batch);
        var ortBase = model.OnnxRuntime.Embed(batch);
        using var torchTuned = tuned.Embed(batch);
        var torchValues = torchTuned.data<float>().ToArray();
        double maxAbs = 0, moved = 0;
        for (var row = 0; row < batch.Count; row++)
        {
            for (var d = 0; d < ortTuned[row].Length; d++)
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(ortTuned[row][d] - torchValues[row * ortTuned[row].Length + d]));
                moved = Math.Max(moved, Math.Abs(ortTuned[row][d] - ortBase[row][d]));
            }
        }

        Assert.True(moved > 1e-3, $"ONNX Runtime's output moved only {moved:E3}: the weights were not written back");
        Assert.True(maxAbs <= 1e-5, $"ONNX Runtime on the rewritten graph differs from TorchSharp by {maxAbs:E3}");

        // The pooler is a Gemm with named weights: its output ("924" in this export) must follow too.
        var ortPooler = RunPooler(bytes, batch);
        using var ids = tensor(batch.InputIds, batch.Count, batch.SequenceLength);
        using var mask = tensor(batch.AttentionMask, batch.Count, batch.SequenceLength);
        using var torchPooler = tuned.PoolerOutput(ids, mask);
        var poolerValues = torchPooler.data<float>().ToArray();
        Assert.True(ortPooler.Zip(poolerValues).Max(p => Math.Abs(p.First - p.Second)) <= 1e-5, "pooler output differs");

        foreach (var name in changed) perturbed[name].Dispose();
    }

    private static float[] RunPooler(byte[] onnx, PairTuner.Training.Tokenization.TokenizedBatch batch)
    {
        using var session = new InferenceSession(onnx);
        var pooled = session.OutputMetadata.Keys.Single(k => k != "last_hidden_state");
        long[] shape = [batch.Count, batch.SequenceLength];
        using var ids = OrtValue.CreateTensorValueFromMemory(batch.InputIds, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[batch.InputIds.Length], shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [ids, mask, types], [pooled]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
