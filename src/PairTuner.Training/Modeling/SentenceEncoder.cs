using PairTuner.Contracts.Jobs;
using PairTuner.Training.Runtime;
using PairTuner.Training.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>
/// A sentence-transformers model of the all-MiniLM-L6-v2 kind as one TorchSharp module: Hugging
/// Face's <c>BertModel</c> (<c>embeddings</c>, <c>encoder</c>, <c>pooler</c>), then mean pooling over
/// the attention mask and L2 normalization. Its <see cref="nn.Module.state_dict"/> keys are exactly a
/// Hugging Face BERT checkpoint's (<c>embeddings.word_embeddings.weight</c>,
/// <c>encoder.layer.0.attention.self.query.weight</c>, ..., <c>pooler.dense.bias</c>), so a
/// <c>model.safetensors</c> or <see cref="Onnx.OnnxWeights.ReadStateDict"/> loads into it directly.
/// </summary>
/// <remarks>
/// <see cref="nn.Module{T1,T2,TResult}.forward"/> takes int64 <c>input_ids</c> and <c>attention_mask</c>
/// [batch, seq] and returns float32 normalized embeddings [batch, hidden]. It opens its own dispose
/// scope, so only the returned tensor outlives the call (autograd keeps what backward needs).
/// The pooler is carried for checkpoint fidelity; mean pooling never reads it, so its parameters get
/// no gradient (optimizers skip parameters whose grad is null).
/// </remarks>
public sealed class SentenceEncoder : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the Hugging Face module names.
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;
    private readonly BertPooler pooler;
#pragma warning restore IDE1006

    private SentenceEncoder(BertConfig config, EncoderOptions options) : base(nameof(SentenceEncoder))
    {
        Config = config;
        Precision = options.Precision;
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoder(config);
        pooler = new BertPooler(config);
        RegisterComponents();
        Device = TorchRuntime.ResolveDevice(options.Device);
        if (Device.type != DeviceType.CPU)
        {
            this.to(Device);
        }
    }

    /// <summary>The model's shape (Hugging Face <c>config.json</c>).</summary>
    public BertConfig Config { get; }

    /// <summary>The device the weights live on; inputs are moved there.</summary>
    public Device Device { get; }

    /// <summary>fp32 or bf16 (autocast-style) for the next forward passes; may be changed at any time.</summary>
    public Precision Precision { get; set; }

    /// <summary>The size of each embedding (hidden_size).</summary>
    public int Dimension => Config.HiddenSize;

    /// <summary>A model of <paramref name="config"/>'s shape with fresh (untrained) weights.</summary>
    public static SentenceEncoder Create(BertConfig config, EncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        TorchRuntime.EnsureAvailable();
        return new SentenceEncoder(config, options ?? EncoderOptions.Default);
    }

    /// <summary>A model of <paramref name="config"/>'s shape holding <paramref name="weights"/> (Hugging Face names).</summary>
    public static SentenceEncoder FromStateDict(BertConfig config, IReadOnlyDictionary<string, Tensor> weights, EncoderOptions? options = null)
    {
        var model = Create(config, options);
        model.LoadWeights(weights);
        return model;
    }

    /// <summary>
    /// Copies <paramref name="weights"/> into the parameters. Every parameter must be present with its
    /// exact shape; the error lists what is missing, unexpected or misshapen. <c>embeddings.position_ids</c>
    /// (a buffer some checkpoints carry) is ignored.
    /// </summary>
    public void LoadWeights(IReadOnlyDictionary<string, Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var parameters = named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var missing = parameters.Keys.Where(k => !weights.ContainsKey(k)).ToList();
        var unexpected = weights.Keys.Where(k => !parameters.ContainsKey(k) && k != "embeddings.position_ids").ToList();
        var misshapen = parameters
            .Where(p => weights.TryGetValue(p.Key, out var w) && !w.shape.SequenceEqual(p.Value.shape))
            .Select(p => $"{p.Key} is [{string.Join(", ", weights[p.Key].shape)}], expected [{string.Join(", ", p.Value.shape)}]")
            .ToList();
        if (missing.Count + unexpected.Count + misshapen.Count > 0)
        {
            throw new InvalidDataException(
                "The weights do not fit this BERT configuration." +
                (missing.Count > 0 ? $" Missing ({missing.Count}): {string.Join(", ", missing)}." : "") +
                (unexpected.Count > 0 ? $" Unexpected ({unexpected.Count}): {string.Join(", ", unexpected)}." : "") +
                (misshapen.Count > 0 ? $" Wrong shape: {string.Join("; ", misshapen)}." : ""));
        }

        using var noGrad = no_grad();
        foreach (var (name, parameter) in parameters)
        {
            parameter.copy_(weights[name]);
        }
    }

    /// <summary>
    /// Hugging Face's <c>last_hidden_state</c>: float32 [batch, seq, hidden] token embeddings (padding
    /// positions included), what ONNX Runtime's export outputs.
    /// </summary>
    public Tensor TokenEmbeddings(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        using var autocast = Autocast.Enter(Precision);
        var (ids, mask) = Prepare(inputIds, attentionMask);
        return Encode(ids, mask).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>Normalized sentence embeddings, float32 [batch, hidden].</summary>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        using var autocast = Autocast.Enter(Precision);
        var (ids, mask) = Prepare(inputIds, attentionMask);
        var hidden = Encode(ids, mask);
        return MeanPooling.Normalize(MeanPooling.Pool(hidden, mask)).MoveToOuterDisposeScope();
    }

    /// <summary>Hugging Face's <c>pooler_output</c>: tanh(dense(first token)), float32 [batch, hidden]. Not used for sentence embeddings.</summary>
    public Tensor PoolerOutput(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        using var autocast = Autocast.Enter(Precision);
        var (ids, mask) = Prepare(inputIds, attentionMask);
        return pooler.forward(Encode(ids, mask)).MoveToOuterDisposeScope();
    }

    /// <summary>Normalized sentence embeddings, float32 [batch.Count, hidden], of a tokenizer batch.</summary>
    public Tensor Embed(TokenizedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var ids = tensor(batch.InputIds, batch.Count, batch.SequenceLength);
        using var mask = tensor(batch.AttentionMask, batch.Count, batch.SequenceLength);
        return forward(ids, mask);
    }

    private Tensor Encode(Tensor ids, Tensor mask)
    {
        // SDPA's boolean mask: true where a key position may be attended to, broadcast over heads and queries.
        var keep = mask.to_type(ScalarType.Bool).view(mask.shape[0], 1, 1, mask.shape[1]);
        return encoder.forward(embeddings.forward(ids), keep);
    }

    private (Tensor Ids, Tensor Mask) Prepare(Tensor inputIds, Tensor attentionMask)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentNullException.ThrowIfNull(attentionMask);
        if (inputIds.dim() != 2 || !inputIds.shape.SequenceEqual(attentionMask.shape))
        {
            throw new ArgumentException(
                $"input_ids [{string.Join(", ", inputIds.shape)}] and attention_mask [{string.Join(", ", attentionMask.shape)}] must both be [batch, seq].");
        }

        var ids = inputIds.dtype == ScalarType.Int64 ? inputIds : inputIds.to_type(ScalarType.Int64);
        if (ids.device != Device) ids = ids.to(Device);
        var mask = attentionMask.device == Device ? attentionMask : attentionMask.to(Device);
        return (ids, mask);
    }
}
