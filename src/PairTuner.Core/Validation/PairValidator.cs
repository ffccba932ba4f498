using System.Globalization;
using PairTuner.Contracts.Scoring;
using PairTuner.Core.Formats;
using PairTuner.Core.Pairs;
using PairTuner.Core.Scoring;

namespace PairTuner.Core.Validation;

/// <summary>
/// Checks each record in file order, counts it into the report and turns a usable one into its
/// normalized pair: texts trimmed, score rescaled into [0, 1]. Every record ends up in exactly
/// one count: rejected, below minScore, identical texts, duplicate (same two trimmed texts as an
/// earlier pair, found by <see cref="PairFingerprint"/>), or accepted.
/// </summary>
internal sealed class PairValidator(ValidationReportBuilder report, ScoringOptions scoring)
{
    // One fingerprint per accepted pair: maxPairs bounds it.
    private readonly HashSet<ulong> _seen = [];
    private readonly ValidationLimits _limits = report.Limits;

    /// <summary>
    /// Sizes the fingerprint set for about <paramref name="pairs"/> pairs (at most maxPairs) in one
    /// go: growing it step by step to a million entries rehashes them all several times over.
    /// </summary>
    public void Expect(long pairs) => _seen.EnsureCapacity((int)Math.Min(pairs, _limits.MaxPairs + 1));

    /// <summary>
    /// Counts <paramref name="row"/>; its normalized pair when it is accepted, otherwise null, with
    /// its texts' fingerprints, which the shard keeps too.
    /// </summary>
    public Pair? Take(PairRow row, out ulong text1Fingerprint, out ulong text2Fingerprint)
    {
        (text1Fingerprint, text2Fingerprint) = (0, 0);
        report.Rows++;
        if (Check(row) is { } error)
        {
            report.Reject(error);
            return null;
        }

        double? score = null;
        if (row.Score is { } raw)
        {
            report.SeeScore(raw);
            if (!ScoreScale.Contains(scoring.Rescale, raw))
            {
                report.Reject(new RowError(
                    report.File,
                    row.Line,
                    "score",
                    string.Create(CultureInfo.InvariantCulture, $"{raw} is outside the score range {ScoreScale.Describe(scoring.Rescale)}; if the file's scores run 0-5 or 1-5, set rescale (--rescale 0-5 or 1-5)")));
                return null;
            }

            if (scoring.MinScore is { } min && raw < min)
            {
                report.BelowMinScore++;
                return null;
            }

            score = ScoreScale.Normalize(scoring.Rescale, raw);
        }

        if (row.HasTextLabel)
        {
            report.TextLabelsIgnored++;
        }

        var text1 = row.Text1!.Trim();
        var text2 = row.Text2!.Trim();
        if (text1 == text2)
        {
            report.IdenticalTexts++;
            return null;
        }

        (text1Fingerprint, text2Fingerprint) = (PairFingerprint.OfText(text1), PairFingerprint.OfText(text2));
        if (!_seen.Add(PairFingerprint.Of(text1Fingerprint, text2Fingerprint)))
        {
            report.Duplicates++;
            return null;
        }

        var negative = row.Negative?.Trim() is { Length: > 0 } trimmed ? trimmed : null;

        // A group is an identifier: kept as written unless blank.
        var group = string.IsNullOrWhiteSpace(row.Group) ? null : row.Group;
        report.Accepted++;
        report.WithScore += score is null ? 0 : 1;
        report.LowScores += score < 0.5 ? 1 : 0;
        report.WithNegative += negative is null ? 0 : 1;
        report.WithGroup += group is null ? 0 : 1;
        return new Pair(text1, text2, score, negative, group);
    }

    /// <summary>What rejects the record on its own: a reader's error, a missing, blank or too long text, a score that is not a number.</summary>
    private RowError? Check(PairRow row)
    {
        if (row.Error is { } error)
        {
            return error;
        }

        if ((CheckText(row.Text1, "text1", row.Line) ?? CheckText(row.Text2, "text2", row.Line)) is { } textError)
        {
            return textError;
        }

        if (row.Negative?.Trim() is { } negative && negative.Length > _limits.MaxTextChars)
        {
            return TooLong("negative", negative.Length, row.Line);
        }

        return row.Score is { } raw && !double.IsFinite(raw)
            ? new RowError(report.File, row.Line, "score", $"must be a finite number; got {raw.ToString(CultureInfo.InvariantCulture)}")
            : null;
    }

    private RowError? CheckText(string? text, string field, long line) => text switch
    {
        null => new RowError(report.File, line, field, "missing"),
        "" => new RowError(report.File, line, field, "empty"),
        _ when string.IsNullOrWhiteSpace(text) => new RowError(report.File, line, field, "only whitespace"),
        _ when text.Length > _limits.MaxTextChars => TooLong(field, text.Length, line),
        _ => null,
    };

    private RowError TooLong(string field, int length, long line)
        => new(report.File, line, field, string.Create(CultureInfo.InvariantCulture, $"{length:N0} characters; the limit is {_limits.MaxTextChars:N0} (limits.maxTextChars)"));
}
