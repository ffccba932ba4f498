using System.Text;
using PairTuner.Contracts.Scoring;
using PairTuner.Core.Formats;
using PairTuner.Core.Ingestion;
using PairTuner.Core.Scoring;
using PairTuner.Core.Tests.TestSupport;
using PairTuner.Core.Validation;

namespace PairTuner.Core.Tests.Validation;

public class PairValidationTests
{
    [Fact]
    public async Task Each_kind_of_bad_row_is_rejected_with_file_line_field_and_reason()
    {
        var lines = new[]
        {
            "{\"text1\": \"good one\", \"text2\": \"fine\"}",                 // 1 ok
            "{\"text1\": \"\", \"text2\": \"b\"}",                              // 2 empty
            "{\"text1\": \"a\", \"text2\": \"   \"}",                           // 3 whitespace
            "{\"text1\": \"a\"}",                                               // 4 missing column
            "{\"text1\": 12, \"text2\": \"b\"}",                                // 5 non-string text
            "{\"text1\": \"a\", \"text2\": \"b\", \"score\": 1e999}",           // 6 not finite
            "{\"text1\": \"" + new string('x', 101) + "\", \"text2\": \"b\"}", // 7 too long
            "{\"text1\": \"a\" \"text2\": \"b\"}",                              // 8 malformed
            "{\"text1\": \"a\", \"text2\": \"b\", \"score\": 1.5}",             // 9 out of range
        };
        byte[] invalid = [.. "{\"text1\": \"x"u8, 0xC0, .. "\", \"text2\": \"y\"}"u8]; // 10 invalid UTF-8
        var content = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n").Concat(invalid).ToArray();

        var report = await Rows.ValidateAsync(content, "bad.jsonl", new IngestOptions { BatchSize = 1, Limits = new ValidationLimits { MaxTextChars = 100 } });

        Assert.Equal((10L, 1L, 9L), (report.Rows, report.Accepted, report.Rejected));
        var expected = new (long Line, string? Field, string Reason)[]
        {
            (2, "text1", "empty"),
            (3, "text2", "only whitespace"),
            (4, "text2", "missing"),
            (5, "text1", "must be a string; found a number"),
            (6, "score", "must be a finite number"),
            (7, "text1", "101 characters; the limit is 100 (limits.maxTextChars)"),
            (8, null, "malformed JSON"),
            (9, "score", "outside the score range 0-1"),
            (10, "text1", "invalid UTF-8"),
        };
        Assert.Equal(expected.Length, report.Errors.Count);
        foreach (var (want, got) in expected.Zip(report.Errors))
        {
            Assert.Equal("bad.jsonl", got.File);
            Assert.Equal((want.Line, want.Field), (got.Line, got.Field));
            Assert.Contains(want.Reason, got.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_file_of_only_bad_rows_is_fatal_and_says_why()
    {
        var report = await Rows.ValidateAsync("[\"\", \"b\"]\n[1, 2]\nnot json\n", "bad.jsonl", new IngestOptions());
        Assert.True(report.Fatal);
        Assert.False(report.Usable);
        Assert.Equal((3L, 0L, 3L), (report.Rows, report.Accepted, report.Rejected));
        Assert.Contains("0 usable pairs; training needs at least 33", report.FatalReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty.jsonl", "")]
    [InlineData("empty.csv", "\uFEFF")]
    [InlineData("empty.json", "\n\n")]
    public async Task An_empty_file_is_fatal(string name, string content)
    {
        var report = await Rows.ValidateAsync(content, name, new IngestOptions());
        Assert.True(report.Fatal);
        Assert.Contains("empty", report.FatalReason, StringComparison.Ordinal);
        Assert.Equal(0, report.Rows);
    }

    [Fact]
    public async Task Fewer_pairs_than_a_batch_plus_one_is_fatal_and_exactly_that_many_is_usable()
    {
        var options = new IngestOptions { BatchSize = 4 };
        Assert.True((await Rows.ValidateAsync(Rows.DistinctPairs(4), "p.jsonl", options)).Fatal);
        var usable = await Rows.ValidateAsync(Rows.DistinctPairs(5), "p.jsonl", options);
        Assert.True(usable.Usable);
        Assert.Equal(5, usable.MinUsablePairs);
    }

    [Fact]
    public async Task Duplicates_and_identical_texts_are_counted_and_skipped()
    {
        var content = "[\"a\", \"b\"]\n[\" a \", \"b\"]\n[\"b\", \"a\"]\n[\"same\", \"same\"]\n[\"a\", \"b\", 0.5]\n";
        var report = await Rows.ValidateAsync(content, "d.jsonl");
        Assert.Equal((5L, 2L, 2L, 1L, 0L), (report.Rows, report.Accepted, report.Duplicates, report.IdenticalTexts, report.Rejected));
    }

    [Fact]
    public async Task A_BOM_is_skipped_in_every_format()
    {
        foreach (var (name, body) in new[] { ("b.jsonl", "[\"a\", \"b\"]\n"), ("b.json", "[[\"a\", \"b\"]]"), ("b.csv", "text1,text2\na,b\n"), ("b.tsv", "a\tb\n") })
        {
            var report = await Rows.ValidateAsync("\uFEFF" + body, name);
            Assert.Equal((1L, 0L), (report.Accepted, report.Rejected));
        }
    }

    [Fact]
    public async Task UTF16_files_are_fatal_with_a_clear_message()
    {
        var report = await Rows.ValidateAsync(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a,b\n")).ToArray(), "u.csv");
        Assert.True(report.Fatal);
        Assert.Contains("UTF-16", report.FatalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_format_is_fatal()
    {
        var report = await Rows.ValidateAsync("just some words\nand more\n", "notes.txt");
        Assert.Contains("Cannot tell the format", report.FatalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_size_limit_is_fatal_for_seekable_and_streamed_input()
    {
        var options = new IngestOptions { BatchSize = 1, Limits = new ValidationLimits { MaxFileBytes = 1_000 } };
        var content = Encoding.UTF8.GetBytes(Rows.DistinctPairs(100));

        var seekable = await Rows.ValidateAsync(content, "big.jsonl", options);
        Assert.Contains("limits.maxFileBytes", seekable.FatalReason, StringComparison.Ordinal);

        using var pipe = new NonSeekableStream(content);
        var streamed = await PairsIngestor.ValidateAsync(pipe, "big.jsonl", options);
        Assert.True(streamed.Fatal);
        Assert.Contains("limits.maxFileBytes", streamed.FatalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pair_count_limit_is_fatal()
    {
        var report = await Rows.ValidateAsync(Rows.DistinctPairs(50), "many.jsonl", new IngestOptions { BatchSize = 1, Limits = new ValidationLimits { MaxPairs = 10 } });
        Assert.True(report.Fatal);
        Assert.Contains("more than 10 usable pairs", report.FatalReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_first_errors_are_listed_the_rest_counted()
    {
        var content = string.Concat(Enumerable.Repeat("[\"\", \"b\"]\n", 30));
        var report = await Rows.ValidateAsync(content, "e.jsonl", new IngestOptions { Limits = new ValidationLimits { MaxReportedErrors = 10 } });
        Assert.Equal((30L, 10, 20L), (report.Rejected, report.Errors.Count, report.ErrorsNotListed));
    }

    [Fact]
    public async Task Rescale_and_min_score_keep_STS_B_near_paraphrases()
    {
        var options = new IngestOptions { BatchSize = 1, Scoring = new ScoringOptions { Rescale = ScoreRange.ZeroToFive, MinScore = 4 } };
        var report = await PairsIngestor.ValidateFileAsync(TestData.Dataset("stsb/train.jsonl"), options);

        var scores = File.ReadLines(TestData.Dataset("stsb/train.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("score").GetDouble()).ToArray();
        Assert.Equal(1_000, report.Rows);
        Assert.Equal(0, report.Rejected);
        Assert.Equal(scores.Count(s => s < 4), report.BelowMinScore);
        Assert.Equal(scores.Count(s => s >= 4), report.Accepted + report.Duplicates + report.IdenticalTexts);
        Assert.Equal((0.0, 5.0), (report.ScoreMin!.Value, report.ScoreMax!.Value));
    }

    [Fact]
    public async Task STS_B_without_rescale_suggests_it()
    {
        var report = await PairsIngestor.ValidateFileAsync(TestData.Dataset("stsb/dev.jsonl"), new IngestOptions());
        var outsideZeroToOne = File.ReadLines(TestData.Dataset("stsb/dev.jsonl"))
            .Count(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("score").GetDouble() > 1);
        Assert.True(outsideZeroToOne > 300, $"{outsideZeroToOne} scores above 1");
        Assert.Equal(outsideZeroToOne, report.Rejected);
        Assert.Contains(report.Warnings, w => w.Contains("zeroToFive", StringComparison.Ordinal));
        Assert.Contains("set rescale", report.Errors[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SICK_text_labels_are_counted_as_ignored_and_MRPC_zero_labels_warned()
    {
        var sick = await PairsIngestor.ValidateFileAsync(TestData.Dataset("sick/trial.jsonl"), new IngestOptions { Scoring = new ScoringOptions { Rescale = ScoreRange.OneToFive } });
        Assert.Equal((500L, 0L), (sick.Rows, sick.Rejected));
        Assert.Equal(sick.Accepted, sick.TextLabelsIgnored);
        Assert.Contains(sick.Warnings, w => w.Contains("text label", StringComparison.Ordinal));

        var mrpc = await PairsIngestor.ValidateFileAsync(TestData.Dataset("mrpc/test.jsonl"), new IngestOptions());
        Assert.Equal((500L, 0L), (mrpc.Rows, mrpc.Rejected));
        Assert.Contains(mrpc.Warnings, w => w.Contains("minScore", StringComparison.Ordinal));

        var positives = await PairsIngestor.ValidateFileAsync(TestData.Dataset("mrpc/test.jsonl"), new IngestOptions { Scoring = new ScoringOptions { MinScore = 1 } });
        // tests/data's 500 MRPC test rows: 159 labelled 0, 341 labelled 1.
        Assert.Equal(159, positives.BelowMinScore);
        Assert.Equal(341, positives.Accepted + positives.Duplicates + positives.IdenticalTexts);
    }

    [Fact]
    public async Task Report_counts_add_up_and_the_format_is_reported()
    {
        var report = await PairsIngestor.ValidateFileAsync(TestData.Dataset("coco_captions/dev.jsonl"), new IngestOptions());
        Assert.Equal(PairsFormat.JsonLines, report.Format);
        Assert.Equal(FormatSource.Extension, report.FormatSource);
        Assert.Equal(500, report.Rows);
        Assert.Equal(report.Rows, report.Accepted + report.Rejected + report.Duplicates + report.IdenticalTexts + report.BelowMinScore);
        Assert.Equal(report.Accepted, report.WithGroup);
        Assert.Equal(new FileInfo(TestData.Dataset("coco_captions/dev.jsonl")).Length, report.Bytes);
    }

    private sealed class NonSeekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
