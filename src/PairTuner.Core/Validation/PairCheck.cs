using System.Globalization;
using PairTuner.Core.Formats;
using PairTuner.Core.Scoring;
using PairTuner.Core.Sharding;
using PairTuner.Core.Streams;

namespace PairTuner.Core.Validation;

/// <summary>
/// The per-record half of validation: everything that can be decided from one record alone
/// (texts present, not blank, not too long; score finite, in range, above minScore; texts not
/// identical), the normalization (texts trimmed, score rescaled into [0, 1]) and the normalized
/// line. It keeps no state across records, so blocks of a file are checked on several cores;
/// <see cref="PairValidator"/> then counts them in order and drops duplicates.
/// </summary>
internal sealed class PairCheck : IDisposable
{
    private readonly ValidationLimits _limits;
    private readonly ScoringOptions _scoring;
    private readonly string _file;
    private readonly PooledBufferWriter? _output;
    private readonly PairJsonLinesWriter? _lines;

    /// <param name="output">Where usable records' normalized lines go; null when only counting (<c>pairtuner validate</c>).</param>
    public PairCheck(ValidationLimits limits, ScoringOptions scoring, string file, PooledBufferWriter? output)
    {
        _limits = limits;
        _scoring = scoring;
        _file = file;
        _output = output;
        _lines = output is null ? null : new PairJsonLinesWriter(output);
    }

    /// <summary>Checks one record; for a usable one writes its normalized line to the output and notes where.</summary>
    public PairVerdict Check(scoped in PairFields fields, out RowError? error)
    {
        error = null;
        var line = fields.Line;
        if (CheckText(fields.HasText1, fields.Text1, "text1", line) is { } text1Error)
        {
            error = text1Error;
            return PairVerdict.Rejected;
        }

        if (CheckText(fields.HasText2, fields.Text2, "text2", line) is { } text2Error)
        {
            error = text2Error;
            return PairVerdict.Rejected;
        }

        var negative = Utf8Text.Trim(fields.Negative);
        if (negative.Length > _limits.MaxTextChars && Utf8Text.Utf16Length(negative) is var negativeChars && negativeChars > _limits.MaxTextChars)
        {
            error = TooLong("negative", negativeChars, line);
            return PairVerdict.Rejected;
        }

        var verdict = new PairVerdict { Kind = VerdictKind.Usable };
        double? score = null;
        if (fields.Score is { } raw)
        {
            if (!double.IsFinite(raw))
            {
                error = new RowError(_file, line, "score", $"must be a finite number; got {raw.ToString(CultureInfo.InvariantCulture)}");
                return PairVerdict.Rejected;
            }

            verdict.RawScore = raw;
            if (!ScoreScale.Contains(_scoring.Rescale, raw))
            {
                verdict.Kind = VerdictKind.Rejected;
                error = new RowError(
                    _file,
                    line,
                    "score",
                    string.Create(CultureInfo.InvariantCulture, $"{raw} is outside the score range {ScoreScale.Describe(_scoring.Rescale)}; if the file's scores run 0-5 or 1-5, set rescale (--rescale 0-5 or 1-5)"));
                return verdict;
            }

            if (_scoring.MinScore is { } min && raw < min)
            {
                verdict.Kind = VerdictKind.BelowMinScore;
                return verdict;
            }

            score = ScoreScale.Normalize(_scoring.Rescale, raw);
        }

        verdict.TextLabel = fields.HasTextLabel;
        var text1 = Utf8Text.Trim(fields.Text1);
        var text2 = Utf8Text.Trim(fields.Text2);
        if (text1.SequenceEqual(text2))
        {
            verdict.Kind = VerdictKind.IdenticalTexts;
            return verdict;
        }

        // A group is an identifier: kept as written unless blank.
        var group = Utf8Text.Trim(fields.Group).IsEmpty ? [] : fields.Group;
        verdict.Text1Hash = PairFingerprint.OfText(text1);
        verdict.Text2Hash = PairFingerprint.OfText(text2);
        verdict.Fingerprint = PairFingerprint.OfPair(verdict.Text1Hash, verdict.Text2Hash);
        verdict.HasScore = score is not null;
        verdict.LowScore = score < 0.5;
        verdict.HasNegative = !negative.IsEmpty;
        verdict.HasGroup = !group.IsEmpty;
        if (_lines is not null && _output is not null)
        {
            verdict.LineStart = _output.WrittenCount;
            _lines.Write(text1, text2, score, negative, group, fields.TextsPlain);
            verdict.LineLength = _output.WrittenCount - verdict.LineStart;
        }

        return verdict;
    }

    public void Dispose() => _lines?.Dispose();

    private RowError? CheckText(bool present, ReadOnlySpan<byte> text, string field, long line)
    {
        if (!present)
        {
            return new RowError(_file, line, field, "missing");
        }

        if (text.IsEmpty)
        {
            return new RowError(_file, line, field, "empty");
        }

        if (Utf8Text.Trim(text).IsEmpty)
        {
            return new RowError(_file, line, field, "only whitespace");
        }

        // A UTF-16 length never exceeds the UTF-8 byte count: count characters only when it might matter.
        return text.Length > _limits.MaxTextChars && Utf8Text.Utf16Length(text) is var chars && chars > _limits.MaxTextChars
            ? TooLong(field, chars, line)
            : null;
    }

    private RowError TooLong(string field, int length, long line)
        => new(_file, line, field, string.Create(CultureInfo.InvariantCulture, $"{length:N0} characters; the limit is {_limits.MaxTextChars:N0} (limits.maxTextChars)"));
}
