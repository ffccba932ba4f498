using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>
/// Attention with dropout on the probabilities, for training where PyTorch's
/// <c>scaled_dot_product_attention</c> has no fused kernel (CPU: its flash kernel refuses dropout).
/// The math fallback keeps three <c>[batch, heads, seq, seq]</c> float tensors per layer for backward
/// (probabilities, dropout noise, dropped probabilities): 1.1 GB of a 3.7 GiB step at 32 pairs and
/// sequence 128. This keeps only q, k, v and a one-byte dropout mask, and recomputes the
/// probabilities in backward, as flash attention does. Scores, softmax and both products run in
/// float32 whatever the inputs' dtype, like the math fallback under bf16.
/// </summary>
/// <remarks>
/// Arguments of <see cref="Apply"/>: q, k, v <c>[batch, heads, seq, head]</c>; <c>keyKeep</c> bool
/// <c>[batch, 1, 1, seq]</c>, true for real tokens; <c>dropKeep</c> bool <c>[batch, heads, seq, seq]</c>
/// or null for no dropout; the scale <c>1 / (1 - p)</c> of kept probabilities.
/// </remarks>
internal sealed class RecomputedAttention : autograd.SingleTensorFunction<RecomputedAttention>
{
    // TorchSharp hands the tensors a custom backward returns to libtorch, which takes its own
    // reference, but leaves their managed handles to the finalizer; inside a training step's dispose
    // scope they would pin every layer's gradients until the step ends. They are released at the
    // next backward instead, once libtorch holds them. Per thread: autograd runs a CPU graph's
    // backward on the thread that called backward(), and another thread's tensors may not have
    // reached libtorch yet.
    [ThreadStatic] private static List<Tensor>? returnedGradients;

    public override string Name => nameof(RecomputedAttention);

    /// <summary>Attention output <c>[batch, heads, seq, head]</c> in q's dtype.</summary>
    public static Tensor Apply(Tensor q, Tensor k, Tensor v, Tensor keyKeep, Tensor? dropKeep, double keepScale)
        => apply(q, k, v, keyKeep, dropKeep!, keepScale);

    /// <summary>A dropout mask for <see cref="Apply"/>: each element kept with probability <c>1 - p</c>.</summary>
    public static Tensor DropoutMask(long batch, long heads, long seq, double p, Device device)
        => empty([batch, heads, seq, seq], ScalarType.Bool, device).bernoulli_(1 - p);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (q, k, v, keyKeep, dropKeep, keepScale) = Unpack(vars);
        ctx.save_for_backward([q, k, v, keyKeep, dropKeep!]);
        ctx.save_data(nameof(keepScale), keepScale);

        // Forward keeps no probabilities, so the mask is applied in place: one [seq, seq] tensor, not two.
        using var scope = NewDisposeScope();
        var probabilities = Probabilities(q, k, keyKeep);
        if (dropKeep is not null)
        {
            probabilities.mul_(dropKeep).mul_(keepScale);
        }

        return probabilities.matmul(Float(v)).to_type(q.dtype).MoveToOuterDisposeScope();
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad)
    {
        ReleaseReturnedGradients();
        var keepScale = (double)ctx.get_data("keepScale");
        Tensor dq, dk, dv;
        using (var scope = NewDisposeScope())
        {
            var saved = ctx.get_saved_variables();
            var (q, k, v, keyKeep, dropKeep) = (saved[0], saved[1], saved[2], saved[3], saved[4]);
            var gradient = Float(grad);
            var vFloat = Float(v);
            var probabilities = Probabilities(q, k, keyKeep);
            Tensor rowDot;
            using (var dropped = Dropped(probabilities, dropKeep, keepScale))
            {
                dv = dropped.transpose(-2, -1).matmul(gradient);

                // Softmax backward is dS = P * (dP - rowsum(dP * P)). Through the dropout mask,
                // rowsum(dP * P) = rowsum(dO * O) with O the output: a [seq, head] product instead
                // of one more [seq, seq] tensor.
                using var output = dropped.matmul(vFloat);
                rowDot = gradient.mul(output).sum(-1, keepdim: true);
            }

            var dScores = gradient.matmul(vFloat.transpose(-2, -1));
            if (dropKeep is not null)
            {
                dScores.mul_(dropKeep).mul_(keepScale);
            }

            dScores.sub_(rowDot).mul_(probabilities);
            probabilities.Dispose();
            var scale = Scale(q);
            dq = dScores.matmul(Float(k)).mul_(scale).to_type(q.dtype);
            dk = dScores.transpose(-2, -1).matmul(Float(q)).mul_(scale).to_type(q.dtype);
            dv = dv.to_type(q.dtype);
            dq.DetachFromDisposeScope();
            dk.DetachFromDisposeScope();
            dv.DetachFromDisposeScope();
        }

        grad.Dispose();
        (returnedGradients ??= []).AddRange([dq, dk, dv]);

        return [dq, dk, dv, null!, null!, null!];
    }

    /// <summary>Disposes the managed handles of the gradients the last backward returned (libtorch keeps its own).</summary>
    internal static void ReleaseReturnedGradients()
    {
        if (returnedGradients is null) return;
        foreach (var tensor in returnedGradients) tensor.Dispose();
        returnedGradients.Clear();
    }

    // Each [batch, heads, seq, seq] intermediate is disposed as soon as it is used: a dispose scope
    // would keep them all until the pass ends.
    private static Tensor Probabilities(Tensor q, Tensor k, Tensor keyKeep)
    {
        using var scores = Float(q).matmul(Float(k).transpose(-2, -1)).mul_(Scale(q));
        using var masked = keyKeep.logical_not();
        return scores.masked_fill_(masked, double.NegativeInfinity).softmax(-1);
    }

    private static Tensor Dropped(Tensor probabilities, Tensor? dropKeep, double keepScale)
        => dropKeep is null ? probabilities.alias() : probabilities.mul(dropKeep).mul_(keepScale);

    private static double Scale(Tensor q) => 1.0 / Math.Sqrt(q.shape[^1]);

    private static Tensor Float(Tensor x) => Autocast.CastTo(x, ScalarType.Float32);

    private static (Tensor Q, Tensor K, Tensor V, Tensor KeyKeep, Tensor? DropKeep, double KeepScale) Unpack(object[] vars)
        => ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (Tensor)vars[3], vars[4] as Tensor, (double)vars[5]);
}
