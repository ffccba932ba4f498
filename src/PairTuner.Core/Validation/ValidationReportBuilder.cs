using PairTuner.Contracts.Scoring;
using PairTuner.Core.Formats;
using PairTuner.Core.Scoring;

namespace PairTuner.Core.Validation;

/// <summary>Counts while a file streams by; <see cref="Build"/> freezes the counts into a <see cref="ValidationReport"/>.</summary>
internal sealed class ValidationReportBuilder
{
    private readonly List<RowError> _errors = [];
    private readonly List<string> _warnings = [];
    private readonly ValidationLimits _limits;
    private long _errorsSeen;

    public ValidationReportBuilder(string file, ValidationLimits limits)
    {
        File = file;
        _limits = limits;
    }

    public string File { get; }

    public ValidationLimits Limits => _limits;

    public FormatDetection? Format { get; set; }

    public long Bytes { get; set; }

    public long Rows { get; set; }

    public long Accepted { get; set; }

    public long Rejected { get; private set; }

    public long Duplicates { get; set; }

    public long IdenticalTexts { get; set; }

    public long BelowMinScore { get; set; }

    public long WithScore { get; set; }

    public long WithNegative { get; set; }

    public long WithGroup { get; set; }

    public long TextLabelsIgnored { get; set; }

    public long LowScores { get; set; }

    public double? ScoreMin { get; private set; }

    public double? ScoreMax { get; private set; }

    public int Shards { get; set; }

    public string? FatalReason { get; private set; }

    public void Reject(RowError error)
    {
        Rejected++;
        Remember(error);
    }

    /// <summary>Stops the file: a limit was crossed or the rest cannot be read.</summary>
    public void Fail(string reason, RowError? error = null)
    {
        FatalReason ??= reason;
        if (error is not null)
        {
            Remember(error);
        }
    }

    public void Warn(string warning) => _warnings.Add(warning);

    public void SeeScore(double score)
    {
        ScoreMin = ScoreMin is { } min ? Math.Min(min, score) : score;
        ScoreMax = ScoreMax is { } max ? Math.Max(max, score) : score;
    }

    public ValidationReport Build(int minUsablePairs, ScoringOptions scoring)
    {
        var warnings = new List<string>(_warnings);
        if (scoring.Rescale == ScoreRange.Unit && ScoreMax is > 1 && ScoreMin >= 0 && ScoreMax <= 5)
        {
            warnings.Add($"Scores run from {ScoreMin} to {ScoreMax}: if they are on a 0-5 or 1-5 scale, set rescale to zeroToFive or oneToFive (--rescale 0-5 / 1-5).");
        }

        if (LowScores > 0)
        {
            warnings.Add($"{LowScores} accepted pairs have a score below 0.5 of the range. MultipleNegativesRankingLoss treats every pair as similar; set minScore to drop dissimilar pairs.");
        }

        if (TextLabelsIgnored > 0)
        {
            warnings.Add($"{TextLabelsIgnored} records have a text label (like entailment); a text label is not a similarity score and was ignored.");
        }

        var fatal = FatalReason;
        if (fatal is null && Accepted < minUsablePairs)
        {
            fatal = Rows == 0 && Rejected == 0
                ? $"'{File}' holds no pairs (the file is empty)."
                : $"'{File}' has {Accepted} usable pairs; training needs at least {minUsablePairs} (one batch plus one eval pair).";
        }

        return new ValidationReport
        {
            File = File,
            Format = Format?.Format,
            FormatSource = Format?.Source,
            Bytes = Bytes,
            Rows = Rows,
            Accepted = Accepted,
            Rejected = Rejected,
            Duplicates = Duplicates,
            IdenticalTexts = IdenticalTexts,
            BelowMinScore = BelowMinScore,
            WithScore = WithScore,
            WithNegative = WithNegative,
            WithGroup = WithGroup,
            TextLabelsIgnored = TextLabelsIgnored,
            ScoreMin = ScoreMin,
            ScoreMax = ScoreMax,
            Rescale = scoring.Rescale,
            MinScore = scoring.MinScore,
            Shards = Shards,
            MinUsablePairs = minUsablePairs,
            Usable = fatal is null,
            Fatal = fatal is not null,
            FatalReason = fatal,
            Errors = _errors.ToArray(),
            ErrorsNotListed = _errorsSeen - _errors.Count,
            Warnings = warnings,
            Limits = _limits,
        };
    }

    private void Remember(RowError error)
    {
        _errorsSeen++;
        if (_errors.Count < _limits.MaxReportedErrors)
        {
            _errors.Add(error);
        }
    }
}
