using System.Globalization;
using System.Net;
using PairTuner.Contracts.Verdicts;
using PairTuner.Training.Selection;

namespace PairTuner.Training.Reporting;

/// <summary>
/// The parts of report.html that say whether tuning paid off: the verdict banner, the curve of the
/// selection metric over the run's evaluations with the kept one marked, and the eval queries whose
/// positive rose or fell most.
/// </summary>
internal static class ReportSectionsHtml
{
    public static void WriteVerdict(EvalReport report, TextWriter writer)
    {
        if (report.Verdict is not { } verdict)
        {
            return;
        }

        var kind = verdict.Outcome switch
        {
            VerdictOutcome.Improved => "improved",
            VerdictOutcome.WorseThanBase => "worse",
            _ => "unchanged",
        };
        writer.Write($"<section class=\"verdict {kind}\" id=\"verdict\"><div class=\"verdict-text\">{Html(verdict.Text)}</div>");
        writer.Write($"<p>{Html(verdict.Metric)} {Num(verdict.Base)} &rarr; {Num(verdict.Tuned)}: <b>{Signed(verdict.Change)}</b>, "
                     + $"95% CI {Signed(verdict.Interval.Low)} to {Signed(verdict.Interval.High)} "
                     + $"(bootstrap over {verdict.Units.ToString("N0", CultureInfo.InvariantCulture)} eval {Html(verdict.UnitName)}, {verdict.Resamples:N0} resamples).</p>");
        var kept = verdict.BaseKept ? "The published model is the base model." : $"The published model is the weights of step {verdict.KeptStep:N0}, the best evaluation.";
        writer.Write($"<p class=\"muted\">{Html(kept)} Recipe: {Html(report.Recipe.ToString().ToLowerInvariant())}.</p>");
        if (verdict.Weak)
        {
            writer.Write($"<p class=\"warning\">Weak verdict: fewer than {VerdictRules.MinimumUnits} eval {Html(verdict.UnitName)}. Add eval pairs before trusting it.</p>");
        }

        writer.Write("</section>\n");
    }

    public static void WriteSelectionCurve(EvalReport report, TextWriter writer)
    {
        if (report.Evaluations.Count == 0)
        {
            return;
        }

        var metric = report.SelectionMetric;
        var points = report.Evaluations
            .Where(e => e.Metrics.ContainsKey(metric))
            .Select(e => ((double)e.Step, e.Metrics[metric]))
            .ToArray();
        var baseline = points[0].Item2;
        var last = points[^1].Item1;
        writer.Write("<section id=\"selection\">\n");
        writer.Write(LineChartSvg.Render(
            $"{metric} at each evaluation (step 0 is the base model)",
            "step",
            metric,
            [(metric, "#8e44ad", points), ("base", "#9aa5b8", [(0, baseline), (Math.Max(last, 1), baseline)])],
            height: 240));
        writer.Write($"\n<table><thead><tr><th>step</th><th>epoch</th><th>{Html(metric)}</th><th>eval pairs</th><th></th></tr></thead><tbody>\n");
        foreach (var evaluation in report.Evaluations)
        {
            var kept = evaluation.Step == report.KeptStep ? "<b>kept</b>" : string.Empty;
            var value = evaluation.Metrics.TryGetValue(metric, out var v) ? Num(v) : "n/a";
            writer.Write($"<tr><td>{evaluation.Step:N0}</td><td>{evaluation.Epoch.ToString("0.##", CultureInfo.InvariantCulture)}</td><td>{value}</td>"
                         + $"<td>{evaluation.EvalPairs:N0}</td><td>{kept}</td></tr>\n");
        }

        writer.Write("</tbody></table>\n</section>\n");
    }

    public static void WriteExamples(EvalReport report, TextWriter writer)
    {
        if (report.Examples is not { } examples || (examples.Rose.Count == 0 && examples.Fell.Count == 0))
        {
            return;
        }

        writer.Write("<section id=\"examples\"><h2>What changed, in examples</h2>"
                     + "<p class=\"muted\">Eval queries whose positive moved most in the ranking, base &rarr; tuned (rank 1 is the top; &gt;100 is beyond the ranking kept).</p>\n");
        WriteExampleTable("Rose most", "rose", examples.Rose, writer);
        WriteExampleTable("Fell most", "fell", examples.Fell, writer);
        writer.Write("</section>\n");
    }

    private static void WriteExampleTable(string title, string id, IReadOnlyList<RankChange> changes, TextWriter writer)
    {
        writer.Write($"<h3>{Html(title)}</h3>");
        if (changes.Count == 0)
        {
            writer.Write("<p class=\"muted\">None.</p>\n");
            return;
        }

        writer.Write($"<table class=\"examples\" id=\"{id}\"><thead><tr><th>query</th><th>positive</th><th>rank</th><th>base top hit</th><th>tuned top hit</th></tr></thead><tbody>\n");
        foreach (var change in changes)
        {
            writer.Write($"<tr><td>{Html(change.Query)}</td><td>{Html(change.Positive)}</td><td class=\"rank {id}\">{Rank(change.BaseRank)} &rarr; {Rank(change.TunedRank)}</td>"
                         + $"<td>{Html(change.BaseTopHit)}</td><td>{Html(change.TunedTopHit)}</td></tr>\n");
        }

        writer.Write("</tbody></table>\n");
    }

    private static string Rank(int? rank) => rank is { } r ? r.ToString(CultureInfo.InvariantCulture) : "&gt;100";

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static string Num(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Signed(double value) => value.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);
}
