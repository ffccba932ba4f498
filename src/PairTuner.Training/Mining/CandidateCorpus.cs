using PairTuner.Core.Pairs;
using PairTuner.Training.Batching;

namespace PairTuner.Training.Mining;

/// <summary>
/// The texts negatives are mined from, and which of them each pair must never get. The candidates
/// are the training pairs' <c>text2</c> (sentence-transformers mines from the positive column too),
/// one per <see cref="DuplicateText"/> key. A pair's related texts are its own two texts, every text
/// paired with either of them anywhere in the data (an anchor with several positives, a pair given
/// both ways round), and every text of its <see cref="Pair.Group"/>: all of those are positives,
/// not negatives.
/// </summary>
internal sealed class CandidateCorpus
{
    private readonly IReadOnlyList<Pair> _pairs;
    private readonly Dictionary<string, int> _indexByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _partners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _groups = new(StringComparer.Ordinal);

    public CandidateCorpus(IReadOnlyList<Pair> pairs)
    {
        _pairs = pairs;
        var texts = new List<string>();
        foreach (var pair in pairs)
        {
            var key1 = DuplicateText.Key(pair.Text1);
            var key2 = DuplicateText.Key(pair.Text2);
            if (_indexByKey.TryAdd(key2, texts.Count))
            {
                texts.Add(pair.Text2);
            }

            Add(_partners, key1, key2);
            Add(_partners, key2, key1);
            if (pair.Group is not null)
            {
                Add(_groups, pair.Group, key1);
                Add(_groups, pair.Group, key2);
            }
        }

        Texts = texts;
    }

    public IReadOnlyList<string> Texts { get; }

    /// <summary>The corpus index of pair <paramref name="pair"/>'s positive.</summary>
    public int PositiveOf(int pair) => _indexByKey[DuplicateText.Key(_pairs[pair].Text2)];

    /// <summary>Corpus indices pair <paramref name="pair"/> must never be given as a negative.</summary>
    public HashSet<int> RelatedTo(int pair)
    {
        var source = _pairs[pair];
        var key1 = DuplicateText.Key(source.Text1);
        var key2 = DuplicateText.Key(source.Text2);
        var related = new HashSet<int>();
        void Take(string key)
        {
            if (_indexByKey.TryGetValue(key, out var index))
            {
                related.Add(index);
            }
        }

        Take(key1);
        Take(key2);
        _partners[key1].ForEach(Take);
        _partners[key2].ForEach(Take);
        if (source.Group is not null)
        {
            _groups[source.Group].ForEach(Take);
        }

        return related;
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map.Add(key, list);
        }

        list.Add(value);
    }
}
