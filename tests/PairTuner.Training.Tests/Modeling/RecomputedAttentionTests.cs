using PairTuner.Training.Modeling;
using PairTuner.Training.Tests.TestModels;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.Modeling;

/// <summary>
/// The recomputing attention must give the outputs and gradients that autograd gives for the same
/// formula written out with ordinary operations, the dropout mask included.
/// </summary>
[Collection(TorchRandomCollection.Name)]
public class RecomputedAttentionTests
{
    private const long Batch = 3;
    private const long Heads = 2;
    private const long Seq = 5;
    private const long HeadSize = 4;

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    public void Output_and_gradients_equal_autograd_of_the_written_out_formula(double p)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(7);
        var (q, k, v) = (Leaf(), Leaf(), Leaf());
        var keyKeep = KeyKeep();
        var dropKeep = p > 0 ? RecomputedAttention.DropoutMask(Batch, Heads, Seq, p, CPU) : null;
        var keepScale = 1 / (1 - p);
        var outputGradient = randn(Batch, Heads, Seq, HeadSize);

        var output = RecomputedAttention.Apply(q, k, v, keyKeep, dropKeep, keepScale);
        output.backward([outputGradient]);
        var actual = (Output: output.detach(), Dq: q.grad!.clone(), Dk: k.grad!.clone(), Dv: v.grad!.clone());
        RecomputedAttention.ReleaseReturnedGradients();

        var (q2, k2, v2) = (Copy(q), Copy(k), Copy(v));
        var scores = q2.matmul(k2.transpose(-2, -1)) / Math.Sqrt(HeadSize);
        var probabilities = scores.masked_fill(keyKeep.logical_not(), double.NegativeInfinity).softmax(-1);
        var dropped = dropKeep is null ? probabilities : probabilities * dropKeep * keepScale;
        var expected = dropped.matmul(v2);
        expected.backward([outputGradient]);

        AssertClose(expected.detach(), actual.Output);
        AssertClose(q2.grad!, actual.Dq);
        AssertClose(k2.grad!, actual.Dk);
        AssertClose(v2.grad!, actual.Dv);
        // Masked keys get no attention, so their k and v receive no gradient.
        Assert.Equal(0.0, actual.Dk[0, .., Seq - 1].abs().max().item<float>());
        Assert.Equal(0.0, actual.Dv[0, .., Seq - 1].abs().max().item<float>());
    }

    [Fact]
    public void Without_dropout_it_equals_scaled_dot_product_attention()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(11);
        var (q, k, v) = (randn(Batch, Heads, Seq, HeadSize), randn(Batch, Heads, Seq, HeadSize), randn(Batch, Heads, Seq, HeadSize));
        var keyKeep = KeyKeep();

        using (no_grad())
        {
            AssertClose(
                nn.functional.scaled_dot_product_attention(q, k, v, keyKeep),
                RecomputedAttention.Apply(q, k, v, keyKeep, null, 1.0));
        }
    }

    [Fact]
    public void With_the_same_seed_it_draws_the_dropout_mask_that_scaled_dot_product_attention_draws()
    {
        // The math fallback of scaled_dot_product_attention draws its mask with bernoulli_ over a
        // [batch, heads, seq, seq] tensor; so does DropoutMask. Same generator state, same mask:
        // training through RecomputedAttention takes the steps it took before.
        using var scope = NewDisposeScope();
        random.manual_seed(13);
        var (q, k, v) = (randn(Batch, Heads, Seq, HeadSize), randn(Batch, Heads, Seq, HeadSize), randn(Batch, Heads, Seq, HeadSize));
        var keyKeep = KeyKeep();
        const double p = 0.25;
        using (no_grad())
        {
            random.manual_seed(99);
            var expected = nn.functional.scaled_dot_product_attention(q, k, v, keyKeep, p);
            random.manual_seed(99);
            var actual = RecomputedAttention.Apply(q, k, v, keyKeep, RecomputedAttention.DropoutMask(Batch, Heads, Seq, p, CPU), 1 / (1 - p));
            AssertClose(expected, actual);
        }
    }

    [Fact]
    public void The_dropout_mask_keeps_about_1_minus_p()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        var mask = RecomputedAttention.DropoutMask(8, 12, 64, 0.1, CPU);
        Assert.Equal(ScalarType.Bool, mask.dtype);
        var kept = mask.to_type(ScalarType.Float32).mean().item<float>();
        Assert.InRange(kept, 0.89, 0.91);
    }

    [Fact]
    public void Under_bf16_inputs_the_output_is_bf16_and_close_to_fp32()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        var (q, k, v) = (randn(Batch, Heads, Seq, HeadSize), randn(Batch, Heads, Seq, HeadSize), randn(Batch, Heads, Seq, HeadSize));
        var keyKeep = KeyKeep();
        using (no_grad())
        {
            var full = RecomputedAttention.Apply(q, k, v, keyKeep, null, 1.0);
            var half = RecomputedAttention.Apply(q.to_type(ScalarType.BFloat16), k.to_type(ScalarType.BFloat16), v.to_type(ScalarType.BFloat16), keyKeep, null, 1.0);
            Assert.Equal(ScalarType.BFloat16, half.dtype);
            Assert.True((half.to_type(ScalarType.Float32) - full).abs().max().item<float>() < 0.05);
        }
    }

    private static Tensor Leaf() => randn(Batch, Heads, Seq, HeadSize).requires_grad_(true);

    private static Tensor Copy(Tensor x) => x.detach().clone().requires_grad_(true);

    /// <summary>Sequences of 4, 3 and 4 real tokens out of 5.</summary>
    private static Tensor KeyKeep()
    {
        var lengths = tensor(new long[] { Seq - 1, 3, 4 });
        return (arange(Seq).unsqueeze(0) < lengths.unsqueeze(1)).view(Batch, 1, 1, Seq);
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        var difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference < 1e-5, $"max abs difference {difference:E3}");
    }
}
