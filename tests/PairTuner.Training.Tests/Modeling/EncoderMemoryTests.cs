using PairTuner.Contracts.Jobs;
using PairTuner.Training.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.Modeling;

/// <summary>
/// Repeated forward/backward passes must not accumulate live tensors: TorchSharp frees native memory
/// only when a handle is disposed, so a leak of a few handles per step grows without bound over an epoch.
/// </summary>
public class EncoderMemoryTests
{
    [Theory]
    [InlineData(Precision.Fp32)]
    [InlineData(Precision.Bf16)]
    public void Training_steps_hold_a_flat_number_of_live_tensors(Precision precision)
    {
        using var encoder = SentenceEncoder.Create(SentenceEncoderTests.Tiny, new EncoderOptions { Precision = precision });
        encoder.train();
        using var ids = tensor(new long[] { 2, 7, 9, 10, 3, 0, 2, 12, 13, 14, 15, 3 }, 2, 6);
        using var mask = tensor(new long[] { 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1 }, 2, 6);
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;

        void Step()
        {
            using var scope = NewDisposeScope();
            encoder.zero_grad();
            var embeddings = encoder.forward(ids, mask);
            var loss = embeddings[0].dot(embeddings[1]);
            loss.backward();
        }

        Step(); // the first backward creates the .grad tensors
        Step();
        var afterWarmup = statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 10; i++) Step();
        Assert.Equal(afterWarmup, statistics.ThreadTotalLiveCount);

        // And inference without any caller scope: forward's own scope leaves only its result alive.
        encoder.eval();
        var beforeInference = statistics.ThreadTotalLiveCount;
        using (no_grad())
        {
            for (var i = 0; i < 5; i++) encoder.forward(ids, mask).Dispose();
        }

        Assert.Equal(beforeInference, statistics.ThreadTotalLiveCount);
    }
}
