namespace PairTuner.Training.Losses;

/// <summary>
/// A loss over a batch of pairs with in-batch negatives. <see cref="Backward"/> embeds, computes the
/// loss and accumulates its gradients into the model's parameters in one call, because the cached
/// variant cannot separate the two (it backpropagates mini-batch by mini-batch).
/// </summary>
public interface IRankingLoss
{
    /// <summary>Computes the loss of the batch, accumulates its gradients, and returns the loss value.</summary>
    double Backward(SentenceEmbedder embed, RankingBatch batch);
}
