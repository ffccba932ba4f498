using System.Globalization;
using PairTuner.Contracts.Verdicts;
using PairTuner.Training.Evaluation;

namespace PairTuner.Trainer;

/// <summary>
/// How <c>pairtuner run</c> and <c>pairtuner train</c> end: the verdict first, then the headline
/// metrics base vs tuned (all of them with <c>--all-metrics</c>), and last the verdict again with
/// where the model and the report are, so the answer is the last thing on the screen.
/// </summary>
public static class ResultConsole
{
    public static void WriteVerdict(TextWriter writer, Verdict? verdict)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(verdict is null ? "Verdict: none (this evaluation has no verdict)." : $"Verdict: {verdict.Summary}.");
    }

    public static void WriteMetrics(TextWriter writer, IReadOnlyList<(string Name, double? Base, double? Tuned)> metrics, bool labelsReal, bool allMetrics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(metrics);
        var headline = HeadlineMetrics.For(labelsReal);
        var shown = allMetrics
            ? metrics
            : headline.Select(name => metrics.FirstOrDefault(m => m.Name == name)).Where(static m => m.Name is not null).ToArray();
        if (shown.Count == 0)
        {
            return;
        }

        writer.WriteLine($"  {"metric",-24} {"base",8} {"tuned",8} {"change",8}");
        foreach (var (name, before, after) in shown)
        {
            var change = before is { } b && after is { } t ? (t - b).ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture) : "n/a";
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-24} {Num(before),8} {Num(after),8} {change,8}"));
        }

        var hidden = metrics.Count - shown.Count;
        if (hidden > 0)
        {
            writer.WriteLine($"  ({hidden} more metrics with --all-metrics, and in eval.json)");
        }
    }

    public static void WriteConclusion(TextWriter writer, Verdict? verdict, string model, string report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (verdict is not null)
        {
            var c = CultureInfo.InvariantCulture;
            writer.WriteLine(string.Create(c, $"{Capitalized(verdict.Text)}: {verdict.Metric} {verdict.Change:+0.0000;-0.0000;0.0000} (95% CI {verdict.Interval.Low:+0.0000;-0.0000;0.0000} to {verdict.Interval.High:+0.0000;-0.0000;0.0000}, {verdict.Units:N0} eval {verdict.UnitName}){(verdict.Weak ? ", a weak verdict" : string.Empty)}."));
        }

        writer.WriteLine($"Model:  {model}");
        writer.WriteLine($"Report: {report}");
    }

    private static string Num(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
