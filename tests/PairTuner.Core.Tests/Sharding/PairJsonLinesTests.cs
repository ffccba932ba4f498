using System.Text;
using PairTuner.Contracts.Storage;
using PairTuner.Core.Pairs;
using PairTuner.Core.Sharding;
using PairTuner.Core.Tests.TestSupport;

namespace PairTuner.Core.Tests.Sharding;

public class PairJsonLinesTests
{
    [Fact]
    public async Task Round_trips_pairs_with_unicode_quotes_and_line_breaks()
    {
        using var folder = new TempFolder();
        var store = new LocalArtifactStore(folder.Path);
        Pair[] pairs =
        [
            new("Café \"au lait\"", "コーヒー\nline two", 0.875, "tea", "285"),
            new("a", "b"),
            new("x\ty", "\\back\\slash", 1e-17),
        ];

        await PairJsonLines.WriteAsync(store, "runs/r/train/0.jsonl", pairs);
        var read = await PairJsonLines.ReadAllAsync(store, "runs/r/train/0.jsonl");
        Assert.Equal(pairs, read);
    }

    [Fact]
    public void Writes_one_object_per_line_without_absent_fields()
    {
        using var stream = new MemoryStream();
        using (var writer = new PairJsonLinesWriter())
        {
            writer.Write(stream, new Pair("é", "b", 0.5));
            writer.Write(stream, new Pair("c", "d", Group: "g"));
            writer.Write(stream, new Pair("\"q\" \U0001F600", "tab\t", 1e-17, Negative: "n"));
        }

        Assert.Equal(
            "{\"text1\":\"é\",\"text2\":\"b\",\"score\":0.5}\n{\"text1\":\"c\",\"text2\":\"d\",\"group\":\"g\"}\n{\"text1\":\"\\\"q\\\" \\uD83D\\uDE00\",\"text2\":\"tab\\t\",\"score\":1E-17,\"negative\":\"n\"}\n",
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public async Task A_damaged_line_throws_with_its_place()
    {
        using var stream = new MemoryStream("{\"text1\":\"a\",\"text2\":\"b\"}\n{\"text1\":\"a\"}\n"u8.ToArray());
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in PairJsonLines.ReadAsync(stream, "runs/r/eval/0.jsonl"))
            {
            }
        });
        Assert.Contains("runs/r/eval/0.jsonl:2", error.Message, StringComparison.Ordinal);
    }
}
