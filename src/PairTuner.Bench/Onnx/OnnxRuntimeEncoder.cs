using Microsoft.ML.OnnxRuntime;
using PairTuner.Training.Tokenization;

namespace PairTuner.Bench.Onnx;

/// <summary>
/// ONNX Runtime (CPU, fp32) over a BERT export whose output is <c>last_hidden_state</c>: the
/// independent reference the TorchSharp encoder is checked and benchmarked against. Pooling and
/// normalization are done here exactly as sentence-transformers does them (mean over the mask, L2).
/// </summary>
public sealed class OnnxRuntimeEncoder : IDisposable
{
    private readonly InferenceSession session;
    private readonly bool wantsTokenTypes;

    private OnnxRuntimeEncoder(InferenceSession session)
    {
        this.session = session;
        wantsTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        Hidden = (int)session.OutputMetadata["last_hidden_state"].Dimensions[^1];
    }

    /// <summary>The embedding size the graph declares.</summary>
    public int Hidden { get; }

    /// <summary>A session over the model bytes with <paramref name="intraOpThreads"/> threads (match torch's for fair timing).</summary>
    public static OnnxRuntimeEncoder Create(byte[] model, int intraOpThreads)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        return new OnnxRuntimeEncoder(new InferenceSession(model, options));
    }

    /// <summary><c>last_hidden_state</c>, row-major [batch, seq, hidden].</summary>
    public float[] TokenEmbeddings(TokenizedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        long[] shape = [batch.Count, batch.SequenceLength];
        var names = new List<string> { "input_ids", "attention_mask" };
        var values = new List<OrtValue>
        {
            OrtValue.CreateTensorValueFromMemory(batch.InputIds, shape),
            OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, shape),
        };
        if (wantsTokenTypes)
        {
            names.Add("token_type_ids");
            values.Add(OrtValue.CreateTensorValueFromMemory(new long[batch.InputIds.Length], shape));
        }

        try
        {
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, names, values, ["last_hidden_state"]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }

    /// <summary>Mean-pooled, L2-normalized sentence embeddings, one row per text.</summary>
    public float[][] Embed(TokenizedBatch batch)
    {
        var tokens = TokenEmbeddings(batch);
        var result = new float[batch.Count][];
        for (var row = 0; row < batch.Count; row++)
        {
            var sum = new double[Hidden];
            var count = 0;
            var mask = batch.MaskRow(row);
            for (var t = 0; t < batch.SequenceLength; t++)
            {
                if (mask[t] == 0) continue;
                count++;
                var at = ((long)row * batch.SequenceLength + t) * Hidden;
                for (var d = 0; d < Hidden; d++) sum[d] += tokens[at + d];
            }

            var mean = sum.Select(s => s / Math.Max(count, 1e-9)).ToArray();
            var norm = Math.Max(Math.Sqrt(mean.Sum(m => m * m)), 1e-12);
            result[row] = mean.Select(m => (float)(m / norm)).ToArray();
        }

        return result;
    }

    public void Dispose() => session.Dispose();
}
