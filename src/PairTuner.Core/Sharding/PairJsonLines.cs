using System.Runtime.CompilerServices;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Formats;
using PairTuner.Core.Pairs;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Sharding;

/// <summary>
/// Reads and writes the normalized pairs files PairTuner makes itself (shards, train and eval
/// splits). The trainer reads <c>train/*.jsonl</c> and <c>eval/*.jsonl</c> with <see cref="ReadAsync(IArtifactStore, string, CancellationToken)"/>.
/// A bad line here is a bug or a tampered file, so it throws instead of being skipped.
/// </summary>
public static class PairJsonLines
{
    private static readonly ValidationLimits Limits = new() { MaxRecordBytes = 64 * 1024 * 1024 };

    public static async IAsyncEnumerable<Pair> ReadAsync(Stream stream, string name, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in JsonLinesPairsReader.ReadAsync(stream, name, Limits, cancellationToken).ConfigureAwait(false))
        {
            yield return ToPair(row);
        }
    }

    public static async IAsyncEnumerable<Pair> ReadAsync(IArtifactStore store, string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stream = await store.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var pair in ReadAsync(stream, path, cancellationToken).ConfigureAwait(false))
            {
                yield return pair;
            }
        }
    }

    public static async Task<List<Pair>> ReadAllAsync(IArtifactStore store, string path, CancellationToken cancellationToken = default)
    {
        var pairs = new List<Pair>();
        await foreach (var pair in ReadAsync(store, path, cancellationToken).ConfigureAwait(false))
        {
            pairs.Add(pair);
        }

        return pairs;
    }

    /// <summary>Writes <paramref name="pairs"/> to <paramref name="path"/> in one piece.</summary>
    public static async Task WriteAsync(IArtifactStore store, string path, IEnumerable<Pair> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pairs);
        using var content = new MemoryStream();
        using (var writer = new PairJsonLinesWriter())
        {
            foreach (var pair in pairs)
            {
                writer.Write(content, pair);
            }
        }

        content.Position = 0;
        await store.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A line of a normalized file as its pair; a line that does not parse is damage.</summary>
    internal static Pair ToPair(PairRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Error is { } error)
        {
            throw new InvalidDataException($"Normalized pairs file is damaged: {error}");
        }

        return new Pair(row.Text1!, row.Text2!, row.Score, row.Negative, row.Group);
    }
}
