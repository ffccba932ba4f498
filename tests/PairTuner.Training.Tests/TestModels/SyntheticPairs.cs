using PairTuner.Contracts.Randomness;
using PairTuner.Core.Pairs;
using PairTuner.Training.Batching;

namespace PairTuner.Training.Tests.TestModels;

/// <summary>
/// A synthetic paraphrase task: pair i's text1 holds words <c>q{i}_*</c> and its text2 words
/// <c>d{i}_*</c>, shuffled among shared fillers, so the two sides share no topic word and a model
/// can only match them by learning which words go together.
/// </summary>
internal static class SyntheticPairs
{
    private static readonly string[] Fillers = ["the", "a", "this", "that", "some", "of", "and", "with"];

    public static IReadOnlyList<Pair> Create(int count, int seed = 1, bool negatives = false, int fillers = 3)
    {
        var random = new SeededRandom(seed);
        var pairs = new List<Pair>(count);
        for (var i = 0; i < count; i++)
        {
            pairs.Add(new Pair(
                Sentence([$"q{i}_0", $"q{i}_1"], random, fillers),
                Sentence([$"d{i}_0", $"d{i}_1"], random, fillers),
                Negative: negatives ? Sentence([$"d{(i + 1) % count}_0", $"q{i}_1"], random, fillers) : null));
        }

        return pairs;
    }

    private static string Sentence(string[] keys, SeededRandom random, int fillers)
    {
        var words = keys.Concat(Enumerable.Range(0, fillers).Select(_ => Fillers[random.NextIntByRemainder(Fillers.Length)])).ToArray();
        random.ShuffleByRemainder(words);
        return string.Join(' ', words);
    }
}
