using PairTuner.Bench.Onnx;
using PairTuner.Contracts.Jobs;
using PairTuner.Training.Modeling;
using PairTuner.Training.Onnx;

namespace PairTuner.Training.Tests.Modeling;

/// <summary>
/// The must-show check: the TorchSharp encoder with the weights recovered from the ONNX graph embeds
/// like ONNX Runtime running that graph, on identical token ids (PairTuner's tokenizer). The full
/// 1,500-row check runs as <c>pairtuner-bench embed --check</c>.
/// </summary>
[Collection(BuiltinModelCollection.Name)]
public class BuiltinMatchesOnnxRuntimeTests(BuiltinModelFixture model)
{
    private const int Sentences = 256;
    private const int BatchSize = 32;

    [Fact]
    public void Fp32_embeddings_equal_onnxruntime_within_1e_5()
    {
        var (maxAbs, minCosine) = Compare(Precision.Fp32);
        Assert.True(maxAbs <= 1e-5, $"max abs difference {maxAbs:E3} > 1e-5");
        Assert.True(minCosine >= 0.99999, $"min cosine {minCosine}");
    }

    [Fact]
    public void Bf16_embeddings_have_cosine_at_least_0_999_to_onnxruntime()
    {
        var (maxAbs, minCosine) = Compare(Precision.Bf16);
        Assert.True(minCosine >= 0.999, $"min cosine {minCosine} < 0.999");
        // bf16 keeps ~3 significant digits: it must differ from fp32, or the bf16 path did not run.
        Assert.True(maxAbs > 1e-5, $"bf16 max abs difference {maxAbs:E3} is fp32-small; was bf16 used?");
    }

    private (double MaxAbs, double MinCosine) Compare(Precision precision)
    {
        var sentences = StsbDevSentences.Take(Sentences);
        Assert.Equal(Sentences, sentences.Count);
        var previous = model.Encoder.Precision;
        model.Encoder.Precision = precision;
        try
        {
            var agreement = OnnxAgreement.Measure(model.Encoder, model.OnnxRuntime, model.Tokenizer, sentences, BatchSize);
            return (agreement.MaxAbsDifference, agreement.MinCosine);
        }
        finally
        {
            model.Encoder.Precision = previous;
        }
    }
}
