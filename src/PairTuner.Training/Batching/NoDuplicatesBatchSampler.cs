using PairTuner.Contracts.Randomness;
using PairTuner.Core.Pairs;

namespace PairTuner.Training.Batching;

/// <summary>
/// Batches of pair indices for in-batch-negative losses, reshuffled every epoch from
/// <see cref="SeededRandom"/> seeded with (seed, epoch). Like sentence-transformers'
/// NoDuplicatesBatchSampler, a pair that would put a text twice in a batch is skipped and goes into a
/// later batch; nothing is dropped (the last batch may be short). Pairs of one
/// <see cref="Pair.Group"/> (e.g. captions of one image, which are positives of each other) never
/// share a batch either, duplicates setting or not.
/// </summary>
public sealed class NoDuplicatesBatchSampler
{
    private readonly string[][] _keys;
    private readonly BatchSamplerOptions _options;

    public NoDuplicatesBatchSampler(IReadOnlyList<Pair> pairs, BatchSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "The batch size must be at least 1.");
        }

        _options = options;
        _keys = pairs.Select(p => KeysOf(p, options.NoDuplicates)).ToArray();
    }

    public int PairCount => _keys.Length;

    public int BatchSize => _options.BatchSize;

    /// <summary>The batches of one epoch, each a list of pair indices, in the order training sees them.</summary>
    public IReadOnlyList<int[]> BatchesOf(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var order = Enumerable.Range(0, _keys.Length).ToArray();
        new SeededRandom(unchecked(_options.Seed * 1_000_003 + epoch)).ShuffleByRemainder(order);
        return Pack(order);
    }

    private List<int[]> Pack(int[] order)
    {
        var batches = new List<int[]>((order.Length / _options.BatchSize) + 1);
        var batch = new List<int>(_options.BatchSize);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var deferred = new List<int>();

        void Emit()
        {
            batches.Add(batch.ToArray());
            batch.Clear();
            taken.Clear();
        }

        bool TryAdd(int index)
        {
            var keys = _keys[index];
            foreach (var key in keys)
            {
                if (taken.Contains(key))
                {
                    return false;
                }
            }

            batch.Add(index);
            foreach (var key in keys)
            {
                taken.Add(key);
            }

            return true;
        }

        // Skipped pairs wait in order and get the first chance at each new batch.
        void Refill()
        {
            var kept = 0;
            for (var i = 0; i < deferred.Count; i++)
            {
                if (batch.Count == _options.BatchSize)
                {
                    Emit();
                }

                if (!TryAdd(deferred[i]))
                {
                    deferred[kept++] = deferred[i];
                }
            }

            deferred.RemoveRange(kept, deferred.Count - kept);
        }

        foreach (var index in order)
        {
            while (batch.Count == _options.BatchSize)
            {
                Emit();
                Refill();
            }

            if (!TryAdd(index))
            {
                deferred.Add(index);
            }
        }

        // What is left conflicts with the open batch: close it and keep packing the rest.
        while (deferred.Count > 0)
        {
            if (batch.Count > 0)
            {
                Emit();
            }

            Refill();
        }

        if (batch.Count > 0)
        {
            Emit();
        }

        return batches;
    }

    private static string[] KeysOf(Pair pair, bool noDuplicates)
    {
        var keys = new List<string>(4);
        if (noDuplicates)
        {
            keys.Add(Normalize(pair.Text1));
            keys.Add(Normalize(pair.Text2));
            if (pair.Negative is not null)
            {
                keys.Add(Normalize(pair.Negative));
            }
        }

        if (pair.Group is not null)
        {
            // A prefix no text can start with, so a group id never collides with a text.
            keys.Add("\u0001group\u0001" + pair.Group);
        }

        return keys.Distinct(StringComparer.Ordinal).ToArray();
    }

    private static string Normalize(string text) => "t\u0001" + DuplicateText.Key(text);
}
