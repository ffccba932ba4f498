using PairTuner.Core.Tests.TestSupport;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Tests.Validation;

public class DuplicateFilterTests
{
    [Fact]
    public void Finds_every_repeat_exactly_once_whether_in_the_table_or_spilled()
    {
        using var folder = new TempFolder();
        using var filter = new DuplicateFilter(tableBytes: 4096, folder.Path);
        var random = new Random(3);
        var seen = new HashSet<ulong>();
        var values = new List<ulong>();
        var batch = new List<ulong>();
        var (found, expected) = (0, 0);

        void EndBatch()
        {
            // As the validator does: the batch sorted, then one pass over each spilled run.
            var sorted = batch.Order().ToArray();
            var hits = new bool[sorted.Length];
            filter.FindSpilled(sorted, hits);
            found += hits.Count(h => h);
            batch.Clear();
            filter.EndBatch();
        }

        for (var i = 0; i < 20_000; i++)
        {
            var value = i % 5 == 4 ? values[random.Next(values.Count)] : (ulong)random.NextInt64();
            values.Add(value);
            expected += seen.Add(value) ? 0 : 1;
            if (!filter.Add(value))
            {
                found++;
            }
            else if (filter.HasSpilled)
            {
                batch.Add(value);
            }

            if (batch.Count == filter.BatchSize || (!filter.HasSpilled && i % filter.BatchSize == filter.BatchSize - 1))
            {
                EndBatch();
            }
        }

        EndBatch();
        Assert.True(filter.SpilledCount > 10_000, $"{filter.SpilledCount} spilled");
        Assert.Equal(expected, found);
    }

    [Fact]
    public void Spilled_runs_are_temporary_files_removed_on_dispose()
    {
        using var folder = new TempFolder();
        var filter = new DuplicateFilter(tableBytes: 1024, folder.Path);
        for (ulong i = 1; i <= 200; i++)
        {
            Assert.True(filter.Add(i * 7919));
            if (i % (ulong)filter.BatchSize == 0)
            {
                filter.EndBatch();
            }
        }

        Assert.True(filter.HasSpilled);
        Assert.NotEmpty(Directory.GetFiles(folder.Path, "pairtuner-fingerprints-*"));
        filter.Dispose();
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Theory]
    [InlineData(1024, 96)]
    [InlineData(16L * 1024 * 1024, 1_572_864)]
    [InlineData(3000, 192)]
    public void The_byte_budget_fixes_the_table_capacity(long bytes, long values)
    {
        Assert.Equal(values, FingerprintSet.CapacityFor(bytes));
        using var filter = new DuplicateFilter(bytes);
        Assert.Equal(values / 4, filter.BatchSize);
    }
}
