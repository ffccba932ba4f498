namespace PairTuner.Core.Validation;

/// <summary>
/// The in-order half of validation: takes each record's <see cref="PairVerdict"/> in file order,
/// counts it into the report and drops exact duplicates of earlier pairs. Duplicates are found
/// with one 64-bit fingerprint per accepted pair in a <see cref="FingerprintSet"/>: 11 to 21 bytes
/// per pair, the only memory that grows with the file (capped by <c>limits.maxPairs</c>).
/// </summary>
internal sealed class PairValidator : IDisposable
{
    private readonly FingerprintSet _seen = new();
    private readonly ValidationReportBuilder _report;

    public PairValidator(ValidationReportBuilder report)
    {
        _report = report;
    }

    /// <summary>Counts the record; true when it is accepted (usable and not a duplicate).</summary>
    public bool Record(in PairVerdict verdict, RowError? error)
    {
        _report.Rows++;
        if (verdict.RawScore is { } raw)
        {
            _report.SeeScore(raw);
        }

        switch (verdict.Kind)
        {
            case VerdictKind.Rejected:
                _report.Reject(error!);
                return false;
            case VerdictKind.BelowMinScore:
                _report.BelowMinScore++;
                return false;
        }

        if (verdict.TextLabel)
        {
            _report.TextLabelsIgnored++;
        }

        if (verdict.Kind == VerdictKind.IdenticalTexts)
        {
            _report.IdenticalTexts++;
            return false;
        }

        if (!_seen.Add(verdict.Fingerprint))
        {
            _report.Duplicates++;
            return false;
        }

        _report.Accepted++;
        _report.WithScore += verdict.HasScore ? 1 : 0;
        _report.LowScores += verdict.LowScore ? 1 : 0;
        _report.WithNegative += verdict.HasNegative ? 1 : 0;
        _report.WithGroup += verdict.HasGroup ? 1 : 0;
        return true;
    }

    /// <summary>Hints that a record with this fingerprint is coming (see <see cref="FingerprintSet.Prefetch"/>).</summary>
    public void Prefetch(ulong fingerprint) => _seen.Prefetch(fingerprint);

    public void Dispose() => _seen.Dispose();
}
