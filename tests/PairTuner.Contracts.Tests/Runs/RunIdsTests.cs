using PairTuner.Contracts.Runs;

namespace PairTuner.Contracts.Tests.Runs;

public class RunIdsTests
{
    [Fact]
    public void One_upload_is_one_id_however_its_etag_is_quoted()
    {
        var a = RunIds.FromBlob("support/tickets.jsonl", "\"0x8DC1A2B3C4D5E6F\"");
        var b = RunIds.FromBlob("support/tickets.jsonl", "0x8DC1A2B3C4D5E6F");
        var c = RunIds.FromBlob("support/tickets.jsonl", "W/\"0x8DC1A2B3C4D5E6F\"");

        Assert.Equal(a, b);
        Assert.Equal(a, c);
        Assert.StartsWith("support-tickets-", a, StringComparison.Ordinal);
        Assert.True(RunIds.IsValid(a), a);
    }

    [Fact]
    public void New_content_or_another_name_is_another_id()
    {
        var first = RunIds.FromBlob("tickets.jsonl", "0x1");

        Assert.NotEqual(first, RunIds.FromBlob("tickets.jsonl", "0x2"));
        Assert.NotEqual(first, RunIds.FromBlob("tickets.csv", "0x1"));
        Assert.NotEqual(first, RunIds.FromBlob("a/tickets.jsonl", "0x1"));
    }

    [Fact]
    public void The_hash_part_is_sha256_of_name_and_etag()
    {
        var id = RunIds.FromBlob("tickets.jsonl", "\"0x1\"");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("tickets.jsonl|0x1"u8))[..12];

        Assert.Equal("tickets-" + expected, id);
    }

    [Theory]
    [InlineData("Ünïcode Tïckets (v2).JSONL")]
    [InlineData("....jsonl")]
    [InlineData("日本語.jsonl")]
    [InlineData("a-very-long-folder-name/with-another-long-folder-name/and-a-long-file-name-too.jsonl")]
    public void Any_blob_name_gives_a_valid_id(string name)
    {
        var id = RunIds.FromBlob(name, "0xABC");

        Assert.True(RunIds.IsValid(id), id);
        Assert.InRange(id.Length, 14, RunIds.MaxLength);
    }

    [Fact]
    public void Inline_ids_are_valid_and_distinct()
    {
        var now = new DateTimeOffset(2026, 11, 30, 4, 47, 0, TimeSpan.Zero);
        var a = RunIds.NewInline(now);
        var b = RunIds.NewInline(now);

        Assert.StartsWith("inline-20261130-044700-", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
        Assert.True(RunIds.IsValid(a));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("Upper")]
    [InlineData("../runs")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("a.b")]
    [InlineData("a%2Fb")]
    [InlineData("abc\n")]
    public void Bad_ids_are_refused_with_a_reason(string id)
    {
        Assert.False(RunIds.IsValid(id));
        Assert.NotNull(RunIds.Problem(id));
        var error = Assert.Throws<ArgumentException>(() => new RunPaths(id).Prefix);
        Assert.Contains("not a run id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_have_a_length_limit()
    {
        Assert.True(RunIds.IsValid(new string('a', RunIds.MaxLength)));
        Assert.False(RunIds.IsValid(new string('a', RunIds.MaxLength + 1)));
        Assert.Contains("at most 63", RunIds.Problem(new string('a', 64)), StringComparison.Ordinal);
    }
}
