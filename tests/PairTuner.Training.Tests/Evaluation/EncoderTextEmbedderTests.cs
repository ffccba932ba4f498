using PairTuner.Training.Evaluation;
using PairTuner.Training.Tokenization;
using PairTuner.Training.Weights;

namespace PairTuner.Training.Tests.Evaluation;

public sealed class EncoderTextEmbedderTests
{
    private static readonly string[] Texts =
    [
        "A man is playing a guitar.",
        "Stocks fell sharply on Monday after the central bank raised interest rates again.",
        "Hi",
        "A woman slices an onion.",
        "The quick brown fox jumps over the lazy dog while the farmer watches from the porch.",
        "Kids play in the park.",
    ];

    [Fact]
    public void Batched_length_sorted_embeddings_come_back_in_input_order()
    {
        using var encoder = BuiltinEncoder.Load();
        var tokenizer = BertWordPieceTokenizer.Builtin();
        var batched = new EncoderTextEmbedder(encoder, tokenizer, batchSize: 4).Embed(Texts);
        var single = new EncoderTextEmbedder(encoder, tokenizer, batchSize: 1);

        Assert.Equal(Texts.Length, batched.Count);
        Assert.Equal(384, batched.Dimension);
        for (var i = 0; i < Texts.Length; i++)
        {
            var alone = single.Embed([Texts[i]]).Row(0);
            var row = batched.Row(i);
            for (var d = 0; d < row.Length; d++)
            {
                Assert.Equal(alone[d], row[d], 4);
            }
        }

        // Embeddings are unit length (mean pooling, then L2 normalize).
        Assert.Equal(1.0, Math.Sqrt(batched.Row(1).ToArray().Sum(static v => (double)v * v)), 4);
    }

    [Fact]
    public void Embedding_turns_dropout_off_and_restores_training_mode()
    {
        using var encoder = BuiltinEncoder.Load();
        var embedder = new EncoderTextEmbedder(encoder, BertWordPieceTokenizer.Builtin());
        encoder.train();

        // With dropout on, two passes would differ; evaluation must be deterministic.
        var first = embedder.Embed(Texts[..2]);
        var second = embedder.Embed(Texts[..2]);

        Assert.Equal(first.Values.ToArray(), second.Values.ToArray());
        Assert.True(encoder.training);
        Assert.Equal(4, embedder.TextsEmbedded);
    }
}
