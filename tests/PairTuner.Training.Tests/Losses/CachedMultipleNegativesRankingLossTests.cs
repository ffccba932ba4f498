using PairTuner.Contracts.Jobs;
using PairTuner.Training.Losses;
using PairTuner.Training.Tests.TestModels;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.Losses;

[Collection(TorchRandomCollection.Name)]
public class CachedMultipleNegativesRankingLossTests
{
    private static readonly RankingLossOptions Options = new() { Similarity = SimilarityFunction.Cos, Scale = 20, MiniBatchSize = 3 };

    [Fact]
    public void Gives_the_plain_losss_value_and_gradients_with_dropout_off()
    {
        var pairs = SyntheticPairs.Create(8, negatives: true);
        var batch = new RankingBatch(pairs.Select(p => p.Text1).ToArray(), pairs.Select(p => p.Text2).ToArray(), pairs.Select(p => p.Negative!).ToArray(), 11);

        var (plainLoss, plainGrads) = Gradients(new MultipleNegativesRankingLoss(Options), batch, dropout: 0.0);
        var (cachedLoss, cachedGrads) = Gradients(new CachedMultipleNegativesRankingLoss(Options), batch, dropout: 0.0);

        Assert.Equal(plainLoss, cachedLoss, 5);
        Assert.Equal(plainGrads.Keys, cachedGrads.Keys);
        foreach (var (name, plain) in plainGrads)
        {
            Assert.True(plain.abs().max().ToDouble() > 0, $"{name} got no gradient");
            Assert.True(allclose(plain, cachedGrads[name], rtol: 1e-4, atol: 1e-6), $"{name}: cached gradient differs from the plain loss's");
        }
    }

    [Fact]
    public void With_dropout_on_the_second_pass_replays_the_first_pass_masks()
    {
        // Reference: the plain loss over embeddings made mini-batch by mini-batch under the seeds the
        // cached loss uses. Equal gradients mean the re-embedding saw the masks the loss was computed on.
        var pairs = SyntheticPairs.Create(7);
        var batch = new RankingBatch(pairs.Select(p => p.Text1).ToArray(), pairs.Select(p => p.Text2).ToArray(), null, 1234);

        var (cachedLoss, cachedGrads) = Gradients(new CachedMultipleNegativesRankingLoss(Options), batch, dropout: 0.3);

        using var model = new TinyEncoder(dropoutProbability: 0.3);
        model.SetTraining(true);
        var columns = batch.Columns;
        var embeddings = new Tensor[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var parts = new List<Tensor>();
            for (var start = 0; start < columns[c].Count; start += Options.MiniBatchSize)
            {
                DropoutRandom.Seed(DropoutRandom.Derive(batch.DropoutSeed, c, start));
                parts.Add(model.Embed(columns[c].Skip(start).Take(Options.MiniBatchSize).ToArray()));
            }

            embeddings[c] = cat(parts.ToArray(), 0);
        }

        var loss = new MultipleNegativesRankingLoss(Options).Compute(embeddings);
        loss.backward();

        Assert.Equal(loss.ToDouble(), cachedLoss, 5);
        foreach (var (name, parameter) in model.named_parameters())
        {
            Assert.True(allclose(parameter.grad!, cachedGrads[name], rtol: 1e-4, atol: 1e-6), $"{name}: cached gradient differs under dropout");
        }

        // And dropout really was on: the same batch with other seeds gives another loss.
        var (otherLoss, _) = Gradients(new CachedMultipleNegativesRankingLoss(Options), batch with { DropoutSeed = 99 }, dropout: 0.3);
        Assert.NotEqual(cachedLoss, otherLoss, 5);
    }

    private static (double Loss, Dictionary<string, Tensor> Grads) Gradients(IRankingLoss loss, RankingBatch batch, double dropout)
    {
        using var model = new TinyEncoder(dropoutProbability: dropout);
        model.SetTraining(true);
        var value = loss.Backward(model.Embed, batch);
        var grads = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.detach().clone());
        return (value, grads);
    }
}
