using System.Numerics.Tensors;
using PairTuner.Core.Pairs;
using PairTuner.Training.Evaluation;
using PairTuner.Training.Mining;
using PairTuner.Training.Tests.Modeling;
using Xunit.Abstractions;

namespace PairTuner.Training.Tests.Mining;

/// <summary>The miner on the real all-MiniLM-L6-v2 (TorchSharp, the weights a run starts from) and captions of photos.</summary>
[Collection(BuiltinModelCollection.Name)]
public sealed class RealModelMiningTests(BuiltinModelFixture model, ITestOutputHelper output)
{
    // Two photos each of three subjects, two captions per photo (COCO style: the photo is the group).
    private static readonly Pair[] Pairs =
    [
        new("A large passenger jet taking off from an airport runway.", "An airplane lifts off the runway into the sky.", Group: "plane-1"),
        new("A small propeller plane parked on the grass.", "A little single engine airplane sits on a grassy field.", Group: "plane-2"),
        new("A brown dog catching a frisbee in the park.", "A dog leaps to grab a flying disc on the lawn.", Group: "dog-1"),
        new("A puppy sleeping on a couch next to a pillow.", "A young dog naps on the sofa.", Group: "dog-2"),
        new("A pepperoni pizza on a wooden cutting board.", "A pizza topped with pepperoni sits on a board.", Group: "pizza-1"),
        new("A slice of cheese pizza on a white paper plate.", "One piece of pizza with cheese on a plate.", Group: "pizza-2"),
    ];

    [Fact]
    public void Each_caption_gets_the_most_similar_caption_of_another_photo_that_scores_below_its_positive()
    {
        var embedder = new EncoderTextEmbedder(model.Encoder, model.Tokenizer);

        var result = new HardNegativeMiner(new HardNegativeMinerOptions()).Mine(Pairs, embedder);

        Assert.Equal(Pairs.Length, result.Pairs.Count);
        var hardestSameSubject = 0;
        foreach (var row in result.Pairs)
        {
            // The oracle: every other photo's caption scored by the model, the best one at or below the positive.
            var positive = Cosine(embedder, row.Text1, row.Text2);
            var candidates = Pairs.Where(p => p.Group != row.Group)
                .Select(p => (Text: p.Text2, Score: Cosine(embedder, row.Text1, p.Text2)))
                .Where(c => c.Score <= positive)
                .OrderByDescending(c => c.Score)
                .ToArray();
            output.WriteLine($"{row.Text1} (positive {positive:F3}) -> {row.Negative}");

            Assert.NotNull(row.Negative);
            var source = Pairs.Single(p => p.Text2 == row.Negative);
            Assert.NotEqual(row.Group, source.Group);
            Assert.Equal(candidates[0].Score, Cosine(embedder, row.Text1, row.Negative!), 4);
            hardestSameSubject += Subject(source.Group!) == Subject(row.Group!) ? 1 : 0;
        }

        output.WriteLine($"{hardestSameSubject} of {Pairs.Length} negatives show the same subject");
        Assert.Equal(Pairs.Length, result.Summary.PairsMined);
    }

    private static float Cosine(EncoderTextEmbedder embedder, string a, string b)
    {
        var embeddings = embedder.Embed([a, b]);
        embeddings.NormalizeRows();
        return TensorPrimitives.Dot(embeddings.Row(0), embeddings.Row(1));
    }

    private static string Subject(string group) => group[..group.IndexOf('-', StringComparison.Ordinal)];
}
