using System.Text;
using PairTuner.Core.Splitting;

namespace PairTuner.Core.Tests.Splitting;

public class ShardLinesTests
{
    [Theory]
    [InlineData(new int[] { })]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 9 })]
    [InlineData(new[] { 2, 3, 7 })]
    [InlineData(new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    public void Remove_takes_out_those_lines_and_keeps_the_rest_in_order(int[] removed)
    {
        using var shard = new ShardLines(capacityBytes: 64, capacityLines: 4);
        for (var i = 0; i < 10; i++)
        {
            shard.Add(Encoding.UTF8.GetBytes($"{{\"text1\":\"a{i}\",\"text2\":\"{new string('b', i)}\"}}\n"), hasScore: i % 2 == 0, (ulong)i, (ulong)(100 + i));
        }

        shard.Remove(removed);

        var kept = Enumerable.Range(0, 10).Except(removed).ToArray();
        Assert.Equal(kept.Length, shard.Count);
        var expected = string.Concat(kept.Select(i => $"{{\"text1\":\"a{i}\",\"text2\":\"{new string('b', i)}\"}}\n"));
        using var reader = new StreamReader(shard.OpenRead());
        Assert.Equal(expected, reader.ReadToEnd());
        Assert.Equal(kept.Select(i => ((ulong)i, (ulong)(100 + i), i % 2 == 0)), Enumerable.Range(0, shard.Count).Select(k => (shard.Text1Hash(k), shard.Text2Hash(k), shard.HasScore(k))));
    }

    [Fact]
    public void Remove_refuses_indices_out_of_order()
    {
        using var shard = new ShardLines();
        shard.Add("{\"text1\":\"a\",\"text2\":\"b\"}\n"u8, false, 1, 2);
        shard.Add("{\"text1\":\"c\",\"text2\":\"d\"}\n"u8, false, 3, 4);
        Assert.Throws<ArgumentException>(() => shard.Remove([1, 0]));
    }
}
