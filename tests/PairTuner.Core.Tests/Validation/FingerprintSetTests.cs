using PairTuner.Core.Validation;

namespace PairTuner.Core.Tests.Validation;

public class FingerprintSetTests
{
    [Theory]
    [InlineData("random")]
    [InlineData("sequential")]
    [InlineData("same-high-bits")]
    public void Agrees_with_a_hash_set_through_every_doubling(string pattern)
    {
        var random = new Random(11);
        using var set = new FingerprintSet();
        var reference = new HashSet<ulong>();
        var added = new List<ulong>();
        for (var i = 0; i < 300_000; i++)
        {
            var value = pattern switch
            {
                "random" => (ulong)random.NextInt64() * 3,
                "sequential" => (ulong)i,
                _ => (ulong)i << 40,
            };

            // Every seventh value is one seen before, so duplicates are found at every table size.
            if (i % 7 == 6)
            {
                value = added[random.Next(added.Count)];
            }

            added.Add(value);
            Assert.Equal(reference.Add(value), set.Add(value));
        }

        Assert.Equal(reference.Count, set.Count);
        Assert.All(reference.Take(1000), v => Assert.True(set.Contains(v)));
        Assert.False(set.Contains(ulong.MaxValue - 1));
    }

    [Fact]
    public void Moves_its_values_out_sorted_and_is_empty_and_usable_after()
    {
        var random = new Random(2);
        using var set = new FingerprintSet();
        var values = Enumerable.Range(0, 5000).Select(_ => (ulong)random.NextInt64()).Append(0UL).Distinct().ToList();
        values.ForEach(v => set.Add(v));
        var capacity = set.Capacity;

        using var output = new MemoryStream();
        set.MoveSortedTo(output);

        var written = new ulong[output.Length / sizeof(ulong)];
        Buffer.BlockCopy(output.ToArray(), 0, written, 0, (int)output.Length);
        Assert.Equal(values.Order(), written);
        Assert.Equal((0L, capacity), (set.Count, set.Capacity));
        Assert.False(set.Contains(values[0]));
        Assert.True(set.Add(values[0]));
    }

    [Fact]
    public void Zero_is_a_fingerprint_like_any_other()
    {
        using var set = new FingerprintSet();
        Assert.False(set.Contains(0));
        Assert.True(set.Add(0));
        Assert.False(set.Add(0));
        Assert.True(set.Contains(0));
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void Holds_a_million_fingerprints_in_at_most_21_bytes_each()
    {
        using var set = new FingerprintSet();
        var random = new Random(3);
        for (var i = 0; i < 1_000_000; i++)
        {
            set.Add((ulong)random.NextInt64());
        }

        Assert.Equal(1_000_000, set.Count);
        Assert.InRange(set.Bytes / (double)set.Count, 8, 21.5);
    }

    [Fact]
    public void A_set_sized_up_front_does_not_grow()
    {
        using var set = new FingerprintSet(100_000);
        var bytes = set.Bytes;
        for (ulong i = 1; i <= 100_000; i++)
        {
            set.Add(i * 0x9E3779B97F4A7C15UL);
        }

        Assert.Equal(bytes, set.Bytes);
    }
}
