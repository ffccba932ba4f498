using PairTuner.Contracts.Jobs;
using PairTuner.Training.Losses;
using PairTuner.Training.Tests.TestModels;
using PairTuner.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.Trainer;

[Collection(TorchRandomCollection.Name)]
public class TinyBertTrainingTests
{
    [Fact]
    public async Task A_two_layer_bert_learns_a_synthetic_paraphrase_task()
    {
        // Text1 and text2 of a pair share no topic word, so only training can match them.
        var pairs = SyntheticPairs.Create(48, fillers: 1);
        using var model = new TinyBert(pairs.SelectMany(p => new[] { p.Text1, p.Text2 }));
        var options = new TrainingOptions
        {
            Epochs = 20, BatchSize = 16, WarmupSteps = 3, Lr = 1e-2, Similarity = SimilarityFunction.Cos, Seed = 1, CheckpointEvery = 0,
        };
        var loss = new MultipleNegativesRankingLoss(RankingLossOptions.From(options));
        double FullBatchLoss()
        {
            model.SetTraining(false);
            using var noGrad = no_grad();
            using var anchors = model.Embed(pairs.Select(p => p.Text1).ToArray());
            using var positives = model.Embed(pairs.Select(p => p.Text2).ToArray());
            using var value = loss.Compute([anchors, positives]);
            return value.ToDouble();
        }

        var before = FullBatchLoss();
        var result = await new TrainingLoop(model, pairs, options).RunAsync(null, resume: false);
        var after = FullBatchLoss();

        Assert.Equal(60, result.Steps);
        // Untrained, a pair's positive is one of 48 near-equal candidates (loss about ln 48 = 3.9).
        Assert.True(before > 3.0, $"untrained loss {before}");
        Assert.True(after < before * 0.7, $"loss fell only from {before} to {after}");
    }
}
