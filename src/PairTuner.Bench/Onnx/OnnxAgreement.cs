using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;
using TorchSharp;

namespace PairTuner.Bench.Onnx;

/// <summary>How closely the TorchSharp encoder's embeddings follow ONNX Runtime's on the same token ids.</summary>
/// <param name="Texts">How many texts were compared.</param>
/// <param name="MaxAbsDifference">The largest |torch - ort| over every component of every embedding.</param>
/// <param name="MinCosine">The lowest cosine between a text's two embeddings (both are unit length).</param>
public sealed record OnnxAgreement(int Texts, double MaxAbsDifference, double MinCosine)
{
    /// <summary>Embeds <paramref name="texts"/> with both, in batches, in the encoder's current precision.</summary>
    public static OnnxAgreement Measure(
        SentenceEncoder encoder, OnnxRuntimeEncoder onnxRuntime, BertWordPieceTokenizer tokenizer, IReadOnlyList<string> texts, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(onnxRuntime);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(texts);
        double maxAbs = 0, minCosine = 1;
        using var noGrad = torch.no_grad();
        foreach (var chunk in texts.Chunk(batchSize))
        {
            var batch = tokenizer.EncodeBatch(chunk);
            var expected = onnxRuntime.Embed(batch);
            using var actual = encoder.Embed(batch);
            var values = actual.data<float>().ToArray();
            var width = expected[0].Length;
            for (var row = 0; row < chunk.Length; row++)
            {
                double dot = 0;
                for (var d = 0; d < width; d++)
                {
                    var a = values[row * width + d];
                    maxAbs = Math.Max(maxAbs, Math.Abs(a - expected[row][d]));
                    dot += a * expected[row][d];
                }

                minCosine = Math.Min(minCosine, dot);
            }
        }

        return new OnnxAgreement(texts.Count, maxAbs, minCosine);
    }
}
