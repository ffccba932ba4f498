using System.Text;
using PairTuner.Core.Formats;
using PairTuner.Core.Tests.TestSupport;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Tests.Formats;

public class JsonArrayPairsReaderTests
{
    [Fact]
    public async Task Reads_the_reference_shape()
    {
        var rows = await Rows.ReadAsync("[[\"sentence 0\", \"very similar to sentence 0\"], [\"sentence 1\", \"very similar to sentence 1\"]]", PairsFormat.JsonArray);
        Assert.Equal(["very similar to sentence 0", "very similar to sentence 1"], rows.Select(r => r.Text2));
    }

    [Fact]
    public async Task Reads_real_MRPC_rows_as_an_array_of_objects_across_buffer_refills()
    {
        // 500 real MRPC objects (~165 KB, several read buffers) written as one indented JSON array.
        var lines = TestData.Lines("mrpc/train.jsonl", 500);
        var json = "[\n  " + string.Join(",\n  ", lines) + "\n]\n";
        var rows = await Rows.ReadAsync(json, PairsFormat.JsonArray);

        Assert.Equal(500, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.StartsWith("Amrozi accused his brother", rows[0].Text1, StringComparison.Ordinal);
        Assert.Equal(1.0, rows[0].Score);
        Assert.Equal(0.0, rows[1].Score);
        Assert.Equal(2, rows[0].Line);
        Assert.Equal(501, rows[^1].Line);
    }

    [Fact]
    public async Task Line_numbers_of_multi_line_elements()
    {
        var rows = await Rows.ReadAsync("[\n[\n\"a\",\n\"b\"\n],\n[\"c\", 7]\n]", PairsFormat.JsonArray);
        Assert.Equal(2, rows[0].Line);
        Assert.Equal((6L, "text2"), (rows[1].Line, rows[1].Error!.Field));
    }

    [Fact]
    public async Task A_non_pair_element_is_rejected_and_reading_goes_on()
    {
        var rows = await Rows.ReadAsync("[[\"a\", \"b\"], 42, \"x\", [\"c\", \"d\"]]", PairsFormat.JsonArray);
        Assert.Equal(4, rows.Count);
        Assert.Contains("each element must be a pair", rows[1].Error!.Reason, StringComparison.Ordinal);
        Assert.NotNull(rows[2].Error);
        Assert.Equal("d", rows[3].Text2);
    }

    [Fact]
    public async Task Empty_array_has_no_rows()
        => Assert.Empty(await Rows.ReadAsync("  [ ]  \n", PairsFormat.JsonArray));

    [Theory]
    [InlineData("[[\"a\", \"b\"], [\"c\", ", "ends before its closing")]
    [InlineData("[[\"a\", \"b\"] [\"c\", \"d\"]]", "malformed JSON")]
    [InlineData("[[\"a\", \"b\"]] trailing", "after the closing")]
    [InlineData("{\"text1\": \"a\"}", "must be an array")]
    public async Task Broken_JSON_stops_the_file(string json, string reason)
    {
        var error = await Assert.ThrowsAsync<PairsFileException>(() => Rows.ReadAsync(json, PairsFormat.JsonArray));
        Assert.Contains(reason, error.Error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_element_over_the_record_limit_stops_the_file()
    {
        var json = "[[\"" + new string('x', 300_000) + "\", \"b\"]]";
        var error = await Assert.ThrowsAsync<PairsFileException>(
            () => Rows.ReadAsync(Encoding.UTF8.GetBytes(json), PairsFormat.JsonArray, new ValidationLimits { MaxRecordBytes = 100_000 }));
        Assert.Contains("limits.maxRecordBytes", error.Error.Reason, StringComparison.Ordinal);
    }
}
