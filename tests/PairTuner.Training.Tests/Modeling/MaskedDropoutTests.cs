using PairTuner.Training.Modeling;
using PairTuner.Training.Tests.TestModels;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.Modeling;

[Collection(TorchRandomCollection.Name)]
public class MaskedDropoutTests
{
    [Fact]
    public void With_the_same_seed_it_drops_what_torch_dropout_drops_and_passes_the_same_gradient()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        var input = randn(6, 10, 16);
        var outputGradient = randn(6, 10, 16);
        const double p = 0.1;

        var a = input.clone().requires_grad_(true);
        random.manual_seed(42);
        var expected = nn.functional.dropout(a, p, training: true);
        expected.backward([outputGradient]);

        var b = input.clone().requires_grad_(true);
        random.manual_seed(42);
        var actual = MaskedDropout.Apply(b, p, training: true);
        actual.backward([outputGradient]);

        Assert.Equal(0, (expected - actual).abs().max().item<float>());
        Assert.Equal(0, (a.grad! - b.grad!).abs().max().item<float>());
        var dropped = actual.eq(0).to_type(ScalarType.Float32).mean().item<float>();
        Assert.InRange(dropped, 0.05, 0.15);
    }

    [Fact]
    public void Outside_training_it_is_the_identity()
    {
        using var scope = NewDisposeScope();
        var input = randn(4, 8);
        Assert.Equal(0, (MaskedDropout.Apply(input, 0.1, training: false) - input).abs().max().item<float>());
    }
}
