using System.Text;
using PairTuner.Core.Formats;
using PairTuner.Core.Tests.TestSupport;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Tests.Formats;

public class JsonLinesPairsReaderTests
{
    [Fact]
    public async Task Reads_every_real_STS_B_row_with_its_score()
    {
        var bytes = await File.ReadAllBytesAsync(TestData.Dataset("stsb/train.jsonl"));
        var rows = await Rows.ReadAsync(bytes, PairsFormat.JsonLines);

        Assert.Equal(1_000, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.Equal("A plane is taking off.", rows[0].Text1);
        Assert.Equal("An air plane is taking off.", rows[0].Text2);
        Assert.Equal(5.0, rows[0].Score);
        Assert.Equal(3.8, rows[1].Score);
        Assert.Equal(1_000, rows[^1].Line);
    }

    [Fact]
    public async Task Reads_COCO_image_ids_as_groups()
    {
        var lines = TestData.Lines("coco_captions/train.jsonl", 4);
        var rows = await Rows.ReadAsync(string.Join('\n', lines), PairsFormat.JsonLines);
        Assert.Equal(["285", "285", "724", "724"], rows.Select(r => r.Group));
    }

    [Fact]
    public async Task CRLF_line_ends_and_blank_lines()
    {
        var rows = await Rows.ReadAsync("[\"a\", \"b\"]\r\n\r\n  \r\n[\"c\", \"d\"]\r\n", PairsFormat.JsonLines);
        Assert.Equal(2, rows.Count);
        Assert.Equal(("b", 1L), (rows[0].Text2, rows[0].Line));
        Assert.Equal(("d", 4L), (rows[1].Text2, rows[1].Line));
    }

    [Fact]
    public async Task Last_line_without_a_line_end_is_read()
    {
        var rows = await Rows.ReadAsync("[\"a\", \"b\"]\n[\"c\", \"d\"]", PairsFormat.JsonLines);
        Assert.Equal("d", rows[^1].Text2);
    }

    [Fact]
    public async Task A_bad_line_does_not_stop_the_reading()
    {
        var rows = await Rows.ReadAsync("[\"a\", \"b\"]\n{oops\n[\"c\", \"d\"]\n", PairsFormat.JsonLines);
        Assert.Equal(3, rows.Count);
        Assert.Equal(2, rows[1].Error!.Line);
        Assert.Contains("malformed JSON", rows[1].Error!.Reason, StringComparison.Ordinal);
        Assert.Equal("d", rows[2].Text2);
    }

    [Fact]
    public async Task A_line_over_the_record_limit_is_rejected_and_skipped()
    {
        var longText = new string('x', 5_000);
        var content = $"[\"a\", \"b\"]\n[\"{longText}\", \"c\"]\n[\"d\", \"e\"]\n";
        var rows = await Rows.ReadAsync(content, PairsFormat.JsonLines, new ValidationLimits { MaxRecordBytes = 1_000 });
        Assert.Equal(3, rows.Count);
        Assert.Contains("longer than 1,000 bytes", rows[1].Error!.Reason, StringComparison.Ordinal);
        Assert.Equal(("e", 3L), (rows[2].Text2, rows[2].Line));
    }

    [Fact]
    public async Task Lines_that_span_many_buffer_refills()
    {
        // 3,000 lines of ~100 bytes cross the 64 KiB buffer several times.
        var text = new StringBuilder();
        for (var i = 0; i < 3_000; i++)
        {
            text.Append("{\"text1\": \"q").Append(i).Append("\", \"text2\": \"").Append(new string('y', 70)).Append("\"}\n");
        }

        var rows = await Rows.ReadAsync(text.ToString(), PairsFormat.JsonLines);
        Assert.Equal(3_000, rows.Count);
        Assert.Equal(Enumerable.Range(0, 3_000).Select(i => "q" + i), rows.Select(r => r.Text1));
    }
}
