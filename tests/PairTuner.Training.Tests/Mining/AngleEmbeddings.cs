using PairTuner.Core.Pairs;
using PairTuner.Training.Tests.Evaluation;

namespace PairTuner.Training.Tests.Mining;

/// <summary>
/// A hand-made world for the miner: every text is a unit vector at an angle in the plane, so the
/// cosine between two texts is the cosine of their angle difference and every ranking is known.
/// Pair 0's anchor sits at 0 degrees and its positive at 20 (cosine 0.940); the other pairs' text2
/// are pair 0's candidates (and distractors it must never get).
/// </summary>
internal static class AngleEmbeddings
{
    public static readonly Pair Target = new("anchor", "positive", Group: "G");

    /// <summary>Pair 0 first, then the pairs whose text2 are its candidates; their anchors sit far away (180 degrees and on).</summary>
    public static IReadOnlyList<Pair> Pairs { get; } =
    [
        Target,
        new("a1", "at 5"),                // more similar than the positive: the margin turns it away
        new("a2", "at 10", Group: "G"),   // pair 0's group: a positive, never a negative
        new("a3", "at 25"),
        new("a4", "at 30"),
        new("a5", "at 40"),
        new("a6", "at 60"),
        new("a7", "at 80"),
        new("positive", "at 15"),         // paired with pair 0's positive: a paraphrase of it
        new("a9", "  POSITIVE "),         // pair 0's positive again, in other case and spacing
    ];

    public static TableEmbedder Embedder() => new(new Dictionary<string, float[]>
    {
        ["anchor"] = At(0),
        ["positive"] = At(20),
        ["  POSITIVE "] = At(20),
        ["at 5"] = At(5),
        ["at 10"] = At(10),
        ["at 15"] = At(15),
        ["at 25"] = At(25),
        ["at 30"] = At(30),
        ["at 40"] = At(40),
        ["at 60"] = At(60),
        ["at 80"] = At(80),
        ["a1"] = At(180),
        ["a2"] = At(190),
        ["a3"] = At(200),
        ["a4"] = At(210),
        ["a5"] = At(220),
        ["a6"] = At(230),
        ["a7"] = At(240),
        ["a9"] = At(250),
    });

    public static double Cosine(double degreesA, double degreesB) => Math.Cos((degreesA - degreesB) * Math.PI / 180);

    private static float[] At(double degrees)
    {
        var radians = degrees * Math.PI / 180;
        return [(float)Math.Cos(radians), (float)Math.Sin(radians)];
    }
}
