using System.Globalization;
using System.Text;
using PairTuner.Core.Formats;
using PairTuner.Core.Tests.TestSupport;

namespace PairTuner.Core.Tests.Formats;

public class DelimitedPairsReaderTests
{
    [Fact]
    public async Task Header_CSV_with_quoted_commas_quotes_and_line_breaks()
    {
        var csv = "text1,text2,score\r\n"
            + "\"Hello, world\",\"She said \"\"hi\"\"\",0.5\r\n"
            + "\"two\nlines\",plain,1\r\n"
            + "last,row,\r\n";
        var rows = await Rows.ReadAsync(csv, PairsFormat.Csv);

        Assert.Equal(3, rows.Count);
        Assert.Equal(("Hello, world", "She said \"hi\"", 0.5, 2L), (rows[0].Text1, rows[0].Text2, rows[0].Score!.Value, rows[0].Line));
        Assert.Equal(("two\nlines", 3L), (rows[1].Text1, rows[1].Line));
        Assert.Equal((5L, (double?)null), (rows[2].Line, rows[2].Score));
    }

    [Fact]
    public async Task Real_SICK_rows_as_TSV_with_header_keep_score_and_flag_text_labels()
    {
        var tsv = new StringBuilder("sentence1\tsentence2\tscore\tlabel\n");
        var expected = new List<(string, string, double)>();
        foreach (var line in TestData.Lines("sick/train.jsonl", 200))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            var r = doc.RootElement;
            var (a, b, s, l) = (r.GetProperty("text1").GetString()!, r.GetProperty("text2").GetString()!, r.GetProperty("score").GetDouble(), r.GetProperty("label").GetString()!);
            tsv.Append(a).Append('\t').Append(b).Append('\t').Append(s.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(l).Append('\n');
            expected.Add((a, b, s));
        }

        var rows = await Rows.ReadAsync(tsv.ToString(), PairsFormat.Tsv);
        Assert.Equal(expected, rows.Select(r => (r.Text1!, r.Text2!, r.Score!.Value)));
        Assert.All(rows, r => Assert.True(r.HasTextLabel));
    }

    [Fact]
    public async Task Headerless_columns_are_text1_text2_then_score()
    {
        var rows = await Rows.ReadAsync("a,b,0.7\nc,d,\n", PairsFormat.Csv);
        Assert.Equal([0.7, null], rows.Select(r => r.Score));
        Assert.Equal(1, rows[0].Line);
    }

    [Fact]
    public async Task Headerless_third_text_column_is_a_hard_negative()
    {
        var rows = await Rows.ReadAsync("anchor text\tpositive text\tnegative text\n", PairsFormat.Tsv);
        Assert.Equal(("anchor text", "negative text", (double?)null), (rows[0].Text1, rows[0].Negative, rows[0].Score));
    }

    [Fact]
    public async Task Header_aliases_and_group_column()
    {
        var rows = await Rows.ReadAsync("id,Anchor,Positive,image_id,negative\n1,a,b,285,\n", PairsFormat.Csv);
        Assert.Equal(("a", "b", "285", (string?)null), (rows[0].Text1, rows[0].Text2, rows[0].Group, rows[0].Negative));
    }

    [Fact]
    public async Task Bare_quotes_inside_a_field_are_kept()
    {
        var rows = await Rows.ReadAsync("a 5\" screen,b\n", PairsFormat.Csv);
        Assert.Equal("a 5\" screen", rows[0].Text1);
        Assert.Null(rows[0].Error);
    }

    [Theory]
    [InlineData("text1,text2,score\na,b,high\n", 2, "score", "'high' is not a number")]
    [InlineData("text1,text2\nonly one column\n", 2, "text2", "missing column 2")]
    [InlineData("a,b\n\"quoted\"tail,x\n", 2, null, "malformed CSV")]
    public async Task Bad_records_name_line_field_and_reason(string csv, long line, string? field, string reason)
    {
        var error = (await Rows.ReadAsync(csv, PairsFormat.Csv)).Single(r => r.Error is not null).Error!;
        Assert.Equal((line, field), (error.Line, error.Field));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_is_rejected_by_row_and_field()
    {
        byte[] csv = [.. "text1,text2\nfine,row\nbad "u8, 0xFF, 0xFE, .. ",row\nnext,row\n"u8];
        var rows = await Rows.ReadAsync(csv, PairsFormat.Csv);
        Assert.Equal(3, rows.Count);
        Assert.Equal((3L, "text1"), (rows[1].Error!.Line, rows[1].Error!.Field));
        Assert.Contains("invalid UTF-8", rows[1].Error!.Reason, StringComparison.Ordinal);
        Assert.Equal("next", rows[2].Text1);
    }

    [Fact]
    public async Task A_header_without_text_columns_stops_the_file()
    {
        var error = await Assert.ThrowsAsync<PairsFileException>(() => Rows.ReadAsync("text1,score\na,1\n", PairsFormat.Csv));
        Assert.Equal("text2", error.Error.Field);
        Assert.Contains("no text2", error.Error.Reason, StringComparison.Ordinal);
    }
}
