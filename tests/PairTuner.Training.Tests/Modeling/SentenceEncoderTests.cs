using PairTuner.Contracts.Jobs;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;
using PairTuner.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.Modeling;

public class SentenceEncoderTests
{
    /// <summary>A BERT small enough to train in milliseconds; same code paths as all-MiniLM-L6-v2.</summary>
    internal static readonly BertConfig Tiny = new()
    {
        VocabSize = 50, HiddenSize = 16, NumHiddenLayers = 2, NumAttentionHeads = 4, IntermediateSize = 32, MaxPositionEmbeddings = 24,
    };

    [Fact]
    public void Parameter_names_and_shapes_are_hugging_faces_bert_model()
    {
        using var encoder = SentenceEncoder.Create(BertConfig.MiniLmL6);
        var actual = encoder.named_parameters().Select(p => (p.name, p.parameter.shape)).ToList();
        var expected = BertStateDictLayout.Parameters(BertConfig.MiniLmL6);
        Assert.Equal(expected.Select(e => e.Name).Order(), actual.Select(a => a.name).Order());
        foreach (var (name, shape) in expected)
        {
            Assert.Equal(shape, actual.Single(a => a.name == name).shape);
        }

        Assert.Equal(22_713_216L, encoder.parameters().Sum(p => p.numel()));
        Assert.Contains("encoder.layer.5.attention.self.query.weight", encoder.state_dict().Keys);
    }

    [Fact]
    public void Padding_does_not_change_a_sentences_embedding()
    {
        using var encoder = SentenceEncoder.Create(Tiny);
        encoder.eval();
        using var noGrad = no_grad();
        using var aloneIds = tensor(new long[] { 2, 7, 9, 3 }, 1, 4);
        using var aloneMask = ones_like(aloneIds);
        using var alone = encoder.forward(aloneIds, aloneMask);
        using var batchIds = tensor(new long[] { 2, 7, 9, 3, 0, 0, 0, 2, 5, 6, 7, 8, 11, 3 }, 2, 7);
        using var batchMask = tensor(new long[] { 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1 }, 2, 7);
        using var batch = encoder.forward(batchIds, batchMask);
        Assert.True(alone[0].allclose(batch[0], rtol: 0, atol: 1e-6));
        Assert.False(batch[0].allclose(batch[1], rtol: 0, atol: 1e-3));
        using var norms = batch.norm(1);
        Assert.True(norms.allclose(ones(2), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Dropout_applies_in_training_mode_only()
    {
        using var encoder = SentenceEncoder.Create(Tiny);
        using var ids = tensor(new long[] { 2, 7, 9, 10, 11, 3 }, 1, 6);
        using var mask = ones_like(ids);
        encoder.train();
        using var a = encoder.forward(ids, mask);
        using var b = encoder.forward(ids, mask);
        Assert.False(a.allclose(b, rtol: 0, atol: 1e-6));
        encoder.eval();
        using var c = encoder.forward(ids, mask);
        using var d = encoder.forward(ids, mask);
        Assert.True(c.allclose(d, rtol: 0, atol: 0));
    }

    [Fact]
    public void Bf16_training_keeps_float32_master_weights_and_gradients_close_to_fp32()
    {
        using var encoder = SentenceEncoder.Create(Tiny);
        encoder.eval(); // no dropout, so both passes see the same network
        using var ids = tensor(new long[] { 2, 7, 9, 10, 3, 2, 12, 13, 14, 3 }, 2, 5);
        using var mask = ones_like(ids);
        var query = encoder.named_parameters().Single(p => p.name == "encoder.layer.1.attention.self.query.weight").parameter;

        Tensor Gradient(Precision precision)
        {
            encoder.zero_grad();
            encoder.Precision = precision;
            using var embeddings = encoder.forward(ids, mask);
            using var loss = embeddings[0].dot(embeddings[1]);
            loss.backward();
            return query.grad!.clone();
        }

        using var fp32 = Gradient(Precision.Fp32);
        using var bf16 = Gradient(Precision.Bf16);
        Assert.Equal(ScalarType.Float32, query.dtype);
        Assert.Equal(ScalarType.Float32, bf16.dtype);
        Assert.True(fp32.abs().max().item<float>() > 0, "no gradient reached the query weight");
        var cosine = (fp32.flatten().dot(bf16.flatten()) / (fp32.norm() * bf16.norm())).item<float>();
        Assert.True(cosine > 0.98, $"bf16 gradient cosine to fp32 is {cosine}");
        Assert.False(fp32.allclose(bf16, rtol: 0, atol: 1e-9), "bf16 gradient equals fp32 exactly: the bf16 path did not run");
    }

    [Fact]
    public void Missing_or_misshapen_weights_are_named()
    {
        using var encoder = SentenceEncoder.Create(Tiny);
        var weights = encoder.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        weights.Remove("encoder.layer.1.output.dense.bias");
        weights["pooler.dense.weight"] = zeros(3, 3);
        var error = Assert.Throws<InvalidDataException>(() => encoder.LoadWeights(weights));
        Assert.Contains("Missing (1): encoder.layer.1.output.dense.bias", error.Message);
        Assert.Contains("pooler.dense.weight is [3, 3], expected [16, 16]", error.Message);
    }

    [Fact]
    public void Cuda_request_without_cuda_fails_clearly()
    {
        if (cuda.is_available()) return; // This check is about machines without a GPU.
        var error = Assert.Throws<TorchUnavailableException>(() => SentenceEncoder.Create(Tiny, new EncoderOptions { Device = "cuda" }));
        Assert.Contains("no CUDA GPU", error.Message);
        Assert.Contains("--device cpu", error.Message);
        Assert.Throws<ArgumentException>(() => SentenceEncoder.Create(Tiny, new EncoderOptions { Device = "tpu" }));
    }
}
