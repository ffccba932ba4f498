using TorchSharp;
using PairTuner.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.Optimization;

public class TrainingOptimizerTests
{
    [Theory]
    [InlineData("encoder.layer.0.attention.self.query.weight", true)]
    [InlineData("encoder.layer.0.attention.self.query.bias", false)]
    [InlineData("embeddings.LayerNorm.weight", false)]
    [InlineData("encoder.layer.5.output.LayerNorm.bias", false)]
    [InlineData("embeddings.word_embeddings.weight", true)]
    public void Bias_and_LayerNorm_parameters_get_no_weight_decay(string name, bool decays)
        => Assert.Equal(decays, ParameterGroups.DecaysWeight(name));

    [Fact]
    public void Two_steps_match_torch_AdamW_with_betas_0_9_0_999_and_decay_only_on_weights()
    {
        using var weight = new Parameter(tensor(new[] { 1.0f }));
        using var bias = new Parameter(tensor(new[] { 1.0f }));
        var options = new TrainingOptimizerOptions { Lr = 0.1, WeightDecay = 0.5, WarmupSteps = 0, MaxGradNorm = 0 };
        using var optimizer = new TrainingOptimizer([("dense.weight", weight), ("dense.bias", bias)], options, new LinearWarmupSchedule(0.1, 0, 1000));

        double[] grads = [1.0, 3.0];
        for (var t = 0; t < grads.Length; t++)
        {
            weight.grad = tensor(new[] { (float)grads[t] });
            bias.grad = tensor(new[] { (float)grads[t] });
            optimizer.Step(t);
        }

        // torch.optim.AdamW, by hand: p *= 1 - lr*wd; m, v moments; p -= lr * mhat / (sqrt(vhat) + eps)
        static double Expected(double wd, double[] g, double lr0)
        {
            double p = 1, m = 0, v = 0;
            for (var t = 1; t <= g.Length; t++)
            {
                var lr = lr0 * (1000.0 - (t - 1)) / 1000.0;
                p *= 1 - (lr * wd);
                m = (0.9 * m) + (0.1 * g[t - 1]);
                v = (0.999 * v) + (0.001 * g[t - 1] * g[t - 1]);
                var mhat = m / (1 - Math.Pow(0.9, t));
                var vhat = v / (1 - Math.Pow(0.999, t));
                p -= lr * mhat / (Math.Sqrt(vhat) + 1e-8);
            }

            return p;
        }

        Assert.Equal(Expected(0.5, grads, 0.1), weight.ToDouble(), 5);
        Assert.Equal(Expected(0.0, grads, 0.1), bias.ToDouble(), 5);
        Assert.Equal(["dense.weight"], optimizer.DecayNames);
        Assert.Equal(["dense.bias"], optimizer.NoDecayNames);
    }

    [Fact]
    public void Clips_the_gradient_norm_and_reports_it_before_clipping()
    {
        using var weight = new Parameter(tensor(new[] { 0.0f, 0.0f }));
        var options = new TrainingOptimizerOptions { Lr = 1.0, WeightDecay = 0, WarmupSteps = 0, MaxGradNorm = 1.0 };
        using var optimizer = new TrainingOptimizer([("w", weight)], options, new LinearWarmupSchedule(1.0, 0, 10));
        weight.grad = tensor(new[] { 6.0f, 8.0f });

        var norm = optimizer.Step(0);

        Assert.Equal(10.0, norm, 4);
        Assert.Equal(0.6, weight.grad!.data<float>()[0], 4);
        Assert.Equal(0.8, weight.grad!.data<float>()[1], 4);
    }

    [Fact]
    public void Bf16_weights_are_stepped_through_fp32_masters()
    {
        // 1 + 1e-4 is not a bf16 number (its spacing near 1 is 2^-7): without masters, 100 steps of
        // 1e-4 would round away one by one; with them the masters accumulate and the model follows.
        using var weight = new Parameter(tensor(new[] { 1.0f }).to(ScalarType.BFloat16));
        var options = new TrainingOptimizerOptions { Lr = 1e-4, WeightDecay = 0, WarmupSteps = 0, MaxGradNorm = 0 };
        using var optimizer = new TrainingOptimizer([("w", weight)], options, new LinearWarmupSchedule(1e-4, 0, 1_000_000));
        Assert.True(optimizer.UsesMasterWeights);

        for (var t = 0; t < 100; t++)
        {
            weight.grad = tensor(new[] { -1.0f }).to(ScalarType.BFloat16);
            optimizer.Step(t);
        }

        var master = optimizer.Weights.Single().Parameter;
        Assert.Equal(ScalarType.Float32, master.dtype);
        Assert.Equal(1.01, master.ToDouble(), 3);
        Assert.Equal(ScalarType.BFloat16, weight.dtype);
        Assert.Equal(1.0078125, weight.to(ScalarType.Float32).ToDouble(), 6);
    }
}
