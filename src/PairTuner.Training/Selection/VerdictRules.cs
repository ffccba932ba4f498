using System.Globalization;
using PairTuner.Contracts.Verdicts;

namespace PairTuner.Training.Selection;

/// <summary>
/// Turns a change and its interval into a verdict. A change counts only when its 95% interval
/// excludes zero; a tuned model whose interval lies below zero is never published, so that verdict
/// always says the base model was kept. Fewer than <see cref="MinimumUnits"/> units make the verdict weak.
/// </summary>
public static class VerdictRules
{
    /// <summary>Below this many eval queries a bootstrap interval is too rough to trust.</summary>
    public const int MinimumUnits = 30;

    public const string ImprovedText = "improved";
    public const string NoChangeText = "no measurable change";
    public const string WorseText = "worse than base (base kept)";

    /// <param name="metric">The selection metric.</param>
    /// <param name="baseValue">The base model's value on the whole eval split.</param>
    /// <param name="tunedValue">The trained weights' value on the same split.</param>
    /// <param name="interval">The 95% interval of tuned - base.</param>
    /// <param name="units">How many queries (or pairs) the interval resamples.</param>
    /// <param name="unitName"><c>queries</c> or <c>pairs</c>.</param>
    /// <param name="keptStep">The step whose weights are published; 0 when the selection kept the base model.</param>
    /// <param name="resamples">Bootstrap resamples behind the interval.</param>
    public static Verdict Decide(
        string metric, double baseValue, double tunedValue, ConfidenceInterval interval, int units, string unitName, long keptStep, int resamples)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentNullException.ThrowIfNull(interval);
        ArgumentOutOfRangeException.ThrowIfNegative(keptStep);
        var baseKept = keptStep == 0;
        var outcome = interval.BelowZero
            ? VerdictOutcome.WorseThanBase
            : interval.AboveZero && !baseKept ? VerdictOutcome.Improved : VerdictOutcome.NoMeasurableChange;
        var text = outcome switch
        {
            VerdictOutcome.Improved => ImprovedText,
            VerdictOutcome.WorseThanBase => WorseText,
            _ => NoChangeText,
        };
        var change = tunedValue - baseValue;
        var weak = units < MinimumUnits;
        var c = CultureInfo.InvariantCulture;
        var summary = string.Create(c, $"{text}: {metric} {baseValue:0.0000} -> {tunedValue:0.0000} ({change:+0.0000;-0.0000;0.0000}, 95% CI {interval.Low:+0.0000;-0.0000;0.0000} to {interval.High:+0.0000;-0.0000;0.0000}) on {units:N0} eval {unitName}");
        if (baseKept && outcome != VerdictOutcome.WorseThanBase)
        {
            summary += "; the base model was kept (no evaluation during training beat it)";
        }

        if (weak)
        {
            summary += string.Create(c, $"; weak verdict: fewer than {MinimumUnits} eval {unitName}");
        }

        return new Verdict
        {
            Outcome = outcome,
            Text = text,
            Metric = metric,
            Base = baseValue,
            Tuned = tunedValue,
            Change = change,
            Interval = interval,
            Units = units,
            UnitName = unitName,
            Weak = weak,
            BaseKept = baseKept || outcome == VerdictOutcome.WorseThanBase,
            KeptStep = outcome == VerdictOutcome.WorseThanBase ? 0 : keptStep,
            Resamples = resamples,
            Summary = summary,
        };
    }
}
