using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using PairTuner.Training.Evaluation;
using PairTuner.Training.Weights;

namespace PairTuner.Training.Tests.Evaluation;

/// <summary>
/// An independent reference embedder: the real all-MiniLM-L6-v2 ONNX graph run by ONNX Runtime,
/// Microsoft.ML.Tokenizers' BertTokenizer over its vocab.txt, mean pooling over the attention mask
/// (sentence-transformers' pooling for this model). It lets the evaluator be checked against
/// published numbers without the TorchSharp encoder.
/// </summary>
internal sealed class OnnxMiniLmEmbedder : ITextEmbedder, IDisposable
{
    private const int MaxSeqLength = 256;
    private const int BatchSize = 32;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;

    public OnnxMiniLmEmbedder()
    {
        using var onnx = BuiltinMiniLm.OpenOnnx();
        using var buffer = new MemoryStream();
        onnx.CopyTo(buffer);
        _session = new InferenceSession(buffer.ToArray(), new SessionOptions { IntraOpNumThreads = 2 });
        using var vocab = BuiltinMiniLm.OpenVocab();
        _tokenizer = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true });
    }

    public void Dispose() => _session.Dispose();

    public EmbeddingMatrix Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var ids = texts.Select(Tokenize).ToArray();
        var result = EmbeddingMatrix.Create(texts.Count, 384);

        // Batches of similar length waste little on padding.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => ids[i].Length).ToArray();
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
            EmbedBatch(batch.Select(i => ids[i]).ToArray(), batch, result);
        }

        return result;
    }

    private int[] Tokenize(string text)
    {
        var ids = _tokenizer.EncodeToIds(text, addSpecialTokens: true, considerPreTokenization: true, considerNormalization: true);
        if (ids.Count <= MaxSeqLength)
        {
            return ids.ToArray();
        }

        // Truncate like Hugging Face: keep [CLS] and the first tokens, end with [SEP].
        return ids.Take(MaxSeqLength - 1).Append(ids[^1]).ToArray();
    }

    private void EmbedBatch(int[][] batch, int[] rows, EmbeddingMatrix result)
    {
        var length = batch.Max(static b => b.Length);
        var inputIds = new DenseTensor<long>([batch.Length, length]);
        var mask = new DenseTensor<long>([batch.Length, length]);
        var types = new DenseTensor<long>([batch.Length, length]);
        for (var b = 0; b < batch.Length; b++)
        {
            for (var t = 0; t < batch[b].Length; t++)
            {
                inputIds[b, t] = batch[b][t];
                mask[b, t] = 1;
            }
        }

        var inputs = new List<NamedOnnxValue>();
        foreach (var name in _session.InputMetadata.Keys)
        {
            var tensor = name.Contains("mask", StringComparison.Ordinal) ? mask
                : name.Contains("type", StringComparison.Ordinal) ? types
                : inputIds;
            inputs.Add(NamedOnnxValue.CreateFromTensor(name, tensor));
        }

        using var outputs = _session.Run(inputs);
        var hidden = outputs.First(o => o.AsTensor<float>().Dimensions.Length == 3).AsTensor<float>();
        var dimension = hidden.Dimensions[2];
        for (var b = 0; b < batch.Length; b++)
        {
            var row = result.Row(rows[b]);
            for (var t = 0; t < batch[b].Length; t++)
            {
                for (var d = 0; d < dimension; d++)
                {
                    row[d] += hidden[b, t, d];
                }
            }

            for (var d = 0; d < dimension; d++)
            {
                row[d] /= batch[b].Length;
            }
        }
    }
}
