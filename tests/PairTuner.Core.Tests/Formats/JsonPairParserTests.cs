using System.Text;
using PairTuner.Core.Formats;

namespace PairTuner.Core.Tests.Formats;

public class JsonPairParserTests
{
    private static PairRow Parse(string json) => JsonPairParser.Parse(Encoding.UTF8.GetBytes(json), "f.jsonl", 7);

    [Fact]
    public void Array_pair_with_optional_score_and_negative()
    {
        var plain = Parse("[\"a\", \"b\"]");
        Assert.Equal(("a", "b", (double?)null, (string?)null), (plain.Text1, plain.Text2, plain.Score, plain.Negative));

        var scored = Parse("[\"a\", \"b\", 0.25]");
        Assert.Equal(0.25, scored.Score);

        var triplet = Parse("[\"anchor\", \"positive\", \"negative\"]");
        Assert.Equal("negative", triplet.Negative);
        Assert.Null(triplet.Score);

        var both = Parse("[\"a\", \"b\", \"n\", 1]");
        Assert.Equal(("n", 1.0), (both.Negative, both.Score!.Value));
        Assert.Equal(7, both.Line);
    }

    [Theory]
    [InlineData("{\"text1\": \"a\", \"text2\": \"b\"}")]
    [InlineData("{\"anchor\": \"a\", \"positive\": \"b\"}")]
    [InlineData("{\"sentence1\": \"a\", \"sentence2\": \"b\"}")]
    [InlineData("{\"query\": \"a\", \"passage\": \"b\", \"split\": \"train\", \"ids\": [1, 2]}")]
    [InlineData("{\"Text1\": \"a\", \"TEXT2\": \"b\"}")]
    public void Object_pair_under_every_accepted_name(string json)
    {
        var row = Parse(json);
        Assert.Null(row.Error);
        Assert.Equal(("a", "b"), (row.Text1, row.Text2));
    }

    [Fact]
    public void Score_label_negative_and_group_keys()
    {
        var row = Parse("{\"text1\": \"a\", \"text2\": \"b\", \"score\": 4.5, \"negative\": \"n\", \"image_id\": 285}");
        Assert.Equal((4.5, "n", "285"), (row.Score!.Value, row.Negative, row.Group));

        Assert.Equal(1.0, Parse("{\"text1\": \"a\", \"text2\": \"b\", \"label\": 1}").Score);
        Assert.Equal(0.0, Parse("{\"text1\": \"a\", \"text2\": \"b\", \"label\": false}").Score);
        Assert.Equal("g1", Parse("{\"text1\": \"a\", \"text2\": \"b\", \"group\": \"g1\"}").Group);

        // A provided score wins over a numeric label.
        Assert.Equal(0.3, Parse("{\"text1\": \"a\", \"text2\": \"b\", \"label\": 1, \"score\": 0.3}").Score);
    }

    [Fact]
    public void Text_label_is_not_a_score_and_is_flagged()
    {
        var row = Parse("{\"text1\": \"a\", \"text2\": \"b\", \"score\": 3.2, \"label\": \"entailment\"}");
        Assert.Null(row.Error);
        Assert.Equal(3.2, row.Score);
        Assert.True(row.HasTextLabel);
    }

    [Fact]
    public void Escaped_keys_and_texts_are_decoded()
    {
        var row = Parse("{\"text\\u0031\": \"caf\\u00e9 \\\"quoted\\\"\", \"text2\": \"line\\nbreak\"}");
        Assert.Equal(("café \"quoted\"", "line\nbreak"), (row.Text1, row.Text2));
    }

    [Theory]
    [InlineData("[\"a\", 5]", "text2", "must be a string; found a number")]
    [InlineData("[\"a\"]", "text2", "missing")]
    [InlineData("[]", "text1", "missing")]
    [InlineData("[\"a\", \"b\", 1, 2]", "negative", "element 4")]
    [InlineData("[\"a\", \"b\", \"n\", 1, 2]", null, "too many elements")]
    [InlineData("{\"text1\": \"a\"}", "text2", "missing")]
    [InlineData("{\"text2\": \"b\"}", "text1", "missing")]
    [InlineData("{\"text1\": null, \"text2\": \"b\"}", "text1", "must be a string; found null")]
    [InlineData("{\"text1\": [\"x\"], \"text2\": \"b\"}", "text1", "found an array")]
    [InlineData("{\"text1\": \"a\", \"text2\": \"b\", \"score\": \"high\"}", "score", "must be a number; found a string")]
    [InlineData("{\"text1\": \"a\", \"text2\": \"b\", \"negative\": 3}", "negative", "must be a string")]
    [InlineData("{\"text1\": \"a\", \"anchor\": \"a2\", \"text2\": \"b\"}", "anchor", "same text as 'text1'")]
    [InlineData("{\"text1\": \"a\", \"text2\": \"b\", \"group\": {}}", "group", "string or a number")]
    [InlineData("\"just a string\"", null, "expected a pair")]
    [InlineData("{\"text1\": \"a\", \"text2\": \"b\"} {}", null, "unexpected content after the pair")]
    [InlineData("{\"text1\": \"a\", \"text2\": \"b\"", null, "malformed JSON")]
    [InlineData("{\"text1\": 'a', \"text2\": \"b\"}", null, "malformed JSON")]
    public void Bad_records_name_the_field_and_reason(string json, string? field, string reason)
    {
        var error = Parse(json).Error;
        Assert.NotNull(error);
        Assert.Equal(("f.jsonl", 7L, field), (error.File, error.Line, error.Field));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_text_is_rejected_by_field()
    {
        byte[] json = [.. "{\"text1\": \"ok\", \"text2\": \"caf"u8, 0xC3, 0x28, .. "\"}"u8];
        var error = JsonPairParser.Parse(json, "f.jsonl", 3).Error;
        Assert.Equal("text2", error!.Field);
        Assert.Contains("invalid UTF-8", error.Reason, StringComparison.Ordinal);
    }
}
