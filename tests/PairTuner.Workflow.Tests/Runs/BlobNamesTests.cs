using PairTuner.Workflow.Runs;

namespace PairTuner.Workflow.Tests.Runs;

public class BlobNamesTests
{
    [Theory]
    [InlineData("tickets.jsonl")]
    [InlineData("team a/2026-11/tickets (final).csv")]
    [InlineData("日本語/ペア.jsonl")]
    [InlineData("..hidden.jsonl")]
    public void Ordinary_names_are_fine(string name)
    {
        Assert.Null(BlobNames.Problem(name));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("/tickets.jsonl", "start with '/'")]
    [InlineData("../runs/x/job.json", "'..' segment")]
    [InlineData("a/../../b", "'..' segment")]
    [InlineData("a/./b", "'.' segment")]
    [InlineData("a//b", "'//'")]
    [InlineData("folder/", "end with '/'")]
    [InlineData("a\\..\\b", "'\\'")]
    [InlineData("a?b", "'?'")]
    [InlineData("a#b", "'#'")]
    [InlineData("a\nb", "control characters")]
    [InlineData("a./b", "end with '.'")]
    public void Names_that_could_reach_elsewhere_are_refused(string name, string reason)
    {
        Assert.Contains(reason, BlobNames.Problem(name), StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_limits_are_enforced()
    {
        Assert.Null(BlobNames.Problem(new string('a', BlobNames.MaxLength)));
        Assert.Contains("at most 1024", BlobNames.Problem(new string('a', BlobNames.MaxLength + 1)), StringComparison.Ordinal);
        Assert.Contains("254", BlobNames.Problem(string.Join('/', Enumerable.Repeat("a", 255))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pairs/tickets.jsonl", "tickets.jsonl")]
    [InlineData("pairs/team/tickets.jsonl", "team/tickets.jsonl")]
    public void Api_input_names_a_blob_in_pairs(string input, string name)
    {
        Assert.Equal(name, BlobNames.ParsePairsInput(input, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("tickets.jsonl")]
    [InlineData("runs/x/input.jsonl")]
    [InlineData("pairs/../runs/x/job.json")]
    [InlineData("pairs//x")]
    [InlineData("pairs/")]
    [InlineData("Pairs/x.jsonl")]
    public void Api_input_outside_pairs_is_refused(string input)
    {
        Assert.Null(BlobNames.ParsePairsInput(input, out var problem));
        Assert.NotNull(problem);
    }
}
