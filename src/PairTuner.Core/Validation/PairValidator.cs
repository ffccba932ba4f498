using System.Globalization;
using PairTuner.Core.Formats;
using PairTuner.Core.Pairs;
using PairTuner.Core.Scoring;

namespace PairTuner.Core.Validation;

/// <summary>
/// Checks each record a reader produced and decides its fate: rejected (with the field and the
/// reason), skipped (duplicate, identical texts, below minScore) or accepted as a normalized
/// <see cref="Pair"/> (texts trimmed, score rescaled into [0, 1]). Exact duplicates are found
/// with one 64-bit fingerprint per accepted pair held in a hash set: about 20 bytes per pair, the
/// only memory that grows with the file.
/// </summary>
internal sealed class PairValidator
{
    private readonly HashSet<ulong> _seen = [];
    private readonly PairFingerprint _fingerprint = new();
    private readonly ValidationLimits _limits;
    private readonly ScoringOptions _scoring;
    private readonly ValidationReportBuilder _report;

    public PairValidator(ValidationLimits limits, ScoringOptions scoring, ValidationReportBuilder report)
    {
        _limits = limits;
        _scoring = scoring;
        _report = report;
    }

    /// <summary>The normalized pair when the record is usable; null when it was rejected or skipped (and counted).</summary>
    public Pair? Accept(PairRow row)
    {
        _report.Rows++;
        if (row.Error is { } error)
        {
            _report.Reject(error);
            return null;
        }

        var file = _report.File;
        if (CheckText(row.Text1, "text1", file, row.Line) is { } text1Error)
        {
            return Reject(text1Error);
        }

        if (CheckText(row.Text2, "text2", file, row.Line) is { } text2Error)
        {
            return Reject(text2Error);
        }

        var negative = string.IsNullOrWhiteSpace(row.Negative) ? null : row.Negative.Trim();
        if (negative is not null && negative.Length > _limits.MaxTextChars)
        {
            return Reject(TooLong("negative", negative.Length, file, row.Line));
        }

        double? score = null;
        if (row.Score is { } raw)
        {
            if (!double.IsFinite(raw))
            {
                return Reject(new RowError(file, row.Line, "score", $"must be a finite number; got {raw.ToString(CultureInfo.InvariantCulture)}"));
            }

            _report.SeeScore(raw);
            if (!ScoreScale.Contains(_scoring.Rescale, raw))
            {
                return Reject(new RowError(
                    file,
                    row.Line,
                    "score",
                    string.Create(CultureInfo.InvariantCulture, $"{raw} is outside the score range {ScoreScale.Describe(_scoring.Rescale)}; if the file's scores run 0-5 or 1-5, set rescale (--rescale 0-5 or 1-5)")));
            }

            if (_scoring.MinScore is { } min && raw < min)
            {
                _report.BelowMinScore++;
                return null;
            }

            score = ScoreScale.Normalize(_scoring.Rescale, raw);
        }

        if (row.HasTextLabel)
        {
            _report.TextLabelsIgnored++;
        }

        var text1 = row.Text1!.Trim();
        var text2 = row.Text2!.Trim();
        if (string.Equals(text1, text2, StringComparison.Ordinal))
        {
            _report.IdenticalTexts++;
            return null;
        }

        if (!_seen.Add(_fingerprint.Of(text1, text2)))
        {
            _report.Duplicates++;
            return null;
        }

        _report.Accepted++;
        if (score is { } s)
        {
            _report.WithScore++;
            if (s < 0.5)
            {
                _report.LowScores++;
            }
        }

        if (negative is not null)
        {
            _report.WithNegative++;
        }

        var group = string.IsNullOrWhiteSpace(row.Group) ? null : row.Group;
        if (group is not null)
        {
            _report.WithGroup++;
        }

        return new Pair(text1, text2, score, negative, group);
    }

    private Pair? Reject(RowError error)
    {
        _report.Reject(error);
        return null;
    }

    private RowError? CheckText(string? text, string field, string file, long line)
    {
        if (text is null)
        {
            return new RowError(file, line, field, "missing");
        }

        if (text.Length == 0)
        {
            return new RowError(file, line, field, "empty");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new RowError(file, line, field, "only whitespace");
        }

        return text.Length > _limits.MaxTextChars ? TooLong(field, text.Length, file, line) : null;
    }

    private RowError TooLong(string field, int length, string file, long line)
        => new(file, line, field, string.Create(CultureInfo.InvariantCulture, $"{length:N0} characters; the limit is {_limits.MaxTextChars:N0} (limits.maxTextChars)"));
}
