using PairTuner.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>
/// Hugging Face's <c>BertSelfAttention</c> (<c>query</c>, <c>key</c>, <c>value</c>), computed with
/// <c>scaled_dot_product_attention</c> so that PyTorch picks its fused CPU/CUDA kernel. Its softmax
/// accumulates in float32 even for bfloat16 inputs. Training with attention dropout on the CPU, which
/// has no fused kernel with dropout, goes through <see cref="RecomputedAttention"/> instead, so that
/// backward does not keep three <c>[batch, heads, seq, seq]</c> tensors per layer.
/// </summary>
public sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the Hugging Face module names.
    private readonly BertLinear query;
    private readonly BertLinear key;
    private readonly BertLinear value;
#pragma warning restore IDE1006
    private readonly long heads;
    private readonly long headSize;
    private readonly double dropoutProbability;

    public BertSelfAttention(BertConfig config) : base(nameof(BertSelfAttention))
    {
        if (config.HiddenSize % config.NumAttentionHeads != 0)
        {
            throw new ArgumentException(
                $"hidden_size {config.HiddenSize} is not a multiple of num_attention_heads {config.NumAttentionHeads}.", nameof(config));
        }

        query = new BertLinear(config.HiddenSize, config.HiddenSize);
        key = new BertLinear(config.HiddenSize, config.HiddenSize);
        value = new BertLinear(config.HiddenSize, config.HiddenSize);
        heads = config.NumAttentionHeads;
        headSize = config.HiddenSize / config.NumAttentionHeads;
        dropoutProbability = config.AttentionProbsDropoutProb;
        RegisterComponents();
    }

    /// <param name="hidden">[batch, seq, hidden].</param>
    /// <param name="keep">bool [batch, 1, 1, seq]: true where a key position is a real token.</param>
    /// <returns>[batch, seq, hidden] in the autocast dtype.</returns>
    public override Tensor forward(Tensor hidden, Tensor keep)
    {
        var batch = hidden.shape[0];
        var seq = hidden.shape[1];
        var q = SplitHeads(query.forward(hidden), batch, seq);
        var k = SplitHeads(key.forward(hidden), batch, seq);
        var v = SplitHeads(value.forward(hidden), batch, seq);
        var context = ComputeDevice.RecomputesAttention(hidden.device_type, training, dropoutProbability)
            ? RecomputedAttention.Apply(q, k, v, keep, RecomputedAttention.DropoutMask(batch, heads, seq, dropoutProbability, hidden.device), 1 / (1 - dropoutProbability))
            : nn.functional.scaled_dot_product_attention(q, k, v, keep, training ? dropoutProbability : 0.0);
        return context.transpose(1, 2).reshape(batch, seq, heads * headSize);
    }

    private Tensor SplitHeads(Tensor x, long batch, long seq) => x.view(batch, seq, heads, headSize).transpose(1, 2);
}
