using System.Globalization;
using System.Net;
using System.Text.Json;
using PairTuner.Core.Serialization;
using PairTuner.Training.Evaluation;

namespace PairTuner.Training.Reporting;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline CSS and SVG, no scripts, no fonts or
/// images from anywhere) that opens from blob storage or a laptop folder alike: the verdict,
/// headline numbers, the selection metric at each evaluation, base-vs-tuned bars, the loss curve,
/// the learning-rate schedule, examples of queries that rose and fell, the full metric table and
/// the settings that produced them.
/// </summary>
public static class ReportHtmlWriter
{
    public static void Write(EvalReport report, IReadOnlyList<TrainingLogEntry> log, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(writer);

        var title = report.RunId is null ? "PairTuner report" : $"PairTuner report: {report.RunId}";
        writer.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        writer.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        writer.Write($"<title>{Html(title)}</title>\n<style>{Css}</style>\n</head>\n<body>\n<main>\n");

        writer.Write($"<header><h1>{Html(title)}</h1><p class=\"muted\">Fine-tuned <b>{Html(report.BaseModel)}</b> on "
                     + $"{report.Data.TrainPairs:N0} pairs; evaluated on {report.Data.EvalPairs:N0} held-out pairs "
                     + $"({report.Data.EvalQueries:N0} queries over {report.Data.EvalCorpus:N0} documents). "
                     + $"{Html(report.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))}</p></header>\n");

        ReportSectionsHtml.WriteVerdict(report, writer);
        if (report.LabelsSynthetic)
        {
            writer.Write("<p class=\"warning\"><b>labels: synthetic.</b> The eval pairs had no scores, so their labels came from "
                         + "the recipe's formula 0.9 + (uniform - 0.5) / 20. spearman_cosine and pearson_cosine against them "
                         + "measure noise, not the model: judge by the retrieval metrics.</p>\n");
        }

        WriteCards(report, writer);
        ReportSectionsHtml.WriteSelectionCurve(report, writer);

        writer.Write("<section>\n");
        var metricOrder = report.Tuned.Keys.Concat(report.Base.Keys).Distinct(StringComparer.Ordinal).ToArray();
        writer.Write(MetricBarChartSvg.Render(metricOrder, report.Base, report.Tuned));
        writer.Write("\n</section>\n");

        writer.Write("<section>\n");
        var steps = log.Where(static e => e.Loss is not null && e.LearningRate is not null).ToArray();
        var loss = steps.Select(static e => ((double)e.Step, e.Loss!.Value)).ToArray();
        writer.Write(LineChartSvg.Render(
            "Training loss",
            "step",
            "loss",
            [("loss", "#c9d3e6", loss), ("smoothed", "#2f5d9e", LineChartSvg.Smooth(loss))]));
        writer.Write("\n");
        writer.Write(LineChartSvg.Render(
            "Learning rate",
            "step",
            "learning rate",
            [("learning rate", "#6a9e58", steps.Select(static e => ((double)e.Step, e.LearningRate!.Value)).ToArray())],
            height: 200));
        if (steps.Length > 0)
        {
            var last = steps[^1];
            var throughput = steps.Where(static e => e.PairsPerSecond > 0).Select(static e => e.PairsPerSecond).DefaultIfEmpty(0).Average();
            writer.Write($"<p class=\"muted\">{steps.Length:N0} steps logged; final loss {Num(last.Loss!.Value)} at step {last.Step:N0} (epoch {last.Epoch + 1}); "
                         + $"mean {throughput.ToString("0.0", CultureInfo.InvariantCulture)} pairs/s.</p>");
        }

        writer.Write("\n</section>\n");

        ReportSectionsHtml.WriteExamples(report, writer);
        WriteMetricTable(report, metricOrder, writer);
        WriteSettings(report, writer);

        writer.Write("<footer class=\"muted\">Metrics follow sentence-transformers' InformationRetrievalEvaluator (each eval text1 "
                     + "is a query over all distinct eval text2; binary relevance; NDCG with log2 discount; MAP normalized by "
                     + "min(k, #relevant); exact cosine top-k, ties broken by corpus order) and EmbeddingSimilarityEvaluator "
                     + "(Spearman with average ranks, Pearson, of cosine vs label).</footer>\n");
        writer.Write("</main>\n</body>\n</html>\n");
    }

    /// <summary>The page as a string.</summary>
    public static string Render(EvalReport report, IReadOnlyList<TrainingLogEntry> log)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(report, log, writer);
        return writer.ToString();
    }

    private static void WriteCards(EvalReport report, TextWriter writer)
    {
        writer.Write("<section class=\"cards\">\n");
        foreach (var name in HeadlineMetrics.For(report.Labels == LabelSource.Gold))
        {
            if (!report.Tuned.TryGetValue(name, out var tuned))
            {
                continue;
            }

            var hasBase = report.Base.TryGetValue(name, out var before);
            var synthetic = report.LabelsSynthetic && name.StartsWith("spearman", StringComparison.Ordinal);
            writer.Write($"<div class=\"card{(synthetic ? " dim" : string.Empty)}\"><div class=\"card-name\">{Html(name)}</div>");
            writer.Write($"<div class=\"card-value\">{Num(tuned)}</div>");
            if (hasBase)
            {
                writer.Write($"<div class=\"card-delta {DeltaClass(tuned - before)}\">{Signed(tuned - before)} vs base {Num(before)}</div>");
            }

            writer.Write("</div>\n");
        }

        writer.Write("</section>\n");
    }

    private static void WriteMetricTable(EvalReport report, IReadOnlyList<string> metrics, TextWriter writer)
    {
        writer.Write("<section><h2>All metrics</h2>\n<table><thead><tr><th>metric</th><th>base</th><th>tuned</th><th>difference</th></tr></thead><tbody>\n");
        foreach (var name in metrics)
        {
            var hasBase = report.Base.TryGetValue(name, out var before);
            var hasTuned = report.Tuned.TryGetValue(name, out var after);
            var hasDifference = report.Difference.TryGetValue(name, out var difference);
            writer.Write($"<tr><td>{Html(name)}</td><td>{(hasBase ? Num(before) : "n/a")}</td><td>{(hasTuned ? Num(after) : "n/a")}</td>"
                         + $"<td class=\"{(hasDifference ? DeltaClass(difference) : string.Empty)}\">{(hasDifference ? Signed(difference) : "n/a")}</td></tr>\n");
        }

        writer.Write("</tbody></table>\n</section>\n");
    }

    private static void WriteSettings(EvalReport report, TextWriter writer)
    {
        writer.Write("<section class=\"columns\">\n<div><h2>Settings</h2><table>");
        var settings = JsonSerializer.SerializeToElement(report.Settings, PairTunerJson.Options);
        foreach (var property in settings.EnumerateObject())
        {
            Row(writer, property.Name, property.Value.ToString());
        }

        Row(writer, "effective scale", Num(report.Settings.EffectiveScale));
        Row(writer, "kept step", report.KeptStep.ToString("N0", CultureInfo.InvariantCulture));
        writer.Write("</table></div>\n<div><h2>Data</h2><table>");
        Row(writer, "train pairs", report.Data.TrainPairs.ToString("N0", CultureInfo.InvariantCulture));
        Row(writer, "eval pairs", report.Data.EvalPairs.ToString("N0", CultureInfo.InvariantCulture));
        Row(writer, "eval queries", report.Data.EvalQueries.ToString("N0", CultureInfo.InvariantCulture));
        Row(writer, "eval corpus", report.Data.EvalCorpus.ToString("N0", CultureInfo.InvariantCulture));
        Row(writer, "labelled eval pairs", report.Data.LabelledEvalPairs.ToString("N0", CultureInfo.InvariantCulture));
        Row(writer, "labels", report.Labels.ToString().ToLowerInvariant());
        Row(writer, "seed", report.Seed.ToString(CultureInfo.InvariantCulture));
        writer.Write("</table><h2>Time</h2><table>");
        Row(writer, "base evaluation", Seconds(report.Timing.BaseEvaluationSeconds));
        Row(writer, "training", Seconds(report.Timing.TrainingSeconds));
        Row(writer, "of which evaluations", Seconds(report.Timing.EvaluationsDuringTrainingSeconds));
        Row(writer, "tuned evaluation", Seconds(report.Timing.TunedEvaluationSeconds));
        writer.Write("</table><h2>Versions</h2><table>");
        Row(writer, "PairTuner", report.Versions.PairTuner);
        Row(writer, "TorchSharp", report.Versions.TorchSharp);
        Row(writer, ".NET", report.Versions.DotNet);
        Row(writer, "OS", report.Versions.Os);
        writer.Write("</table></div>\n</section>\n");
        if (report.Notes.Count > 0)
        {
            writer.Write("<section><h2>Notes</h2><ul>");
            foreach (var note in report.Notes)
            {
                writer.Write($"<li>{Html(note)}</li>");
            }

            writer.Write("</ul></section>\n");
        }
    }

    private static void Row(TextWriter writer, string name, string value)
        => writer.Write($"<tr><th>{Html(name)}</th><td>{Html(value)}</td></tr>");

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static string Num(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Signed(double value) => value.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);

    private static string Seconds(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string DeltaClass(double difference) => difference > 0 ? "up" : difference < 0 ? "down" : "same";

    private const string Css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #f4f6fa; color: #1d2433; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        main { max-width: 820px; margin: 0 auto; padding: 24px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 18px 0 8px; }
        section { background: #fff; border: 1px solid #dfe4ee; border-radius: 8px; padding: 12px 18px; margin: 14px 0; }
        .muted { color: #5f6b80; font-size: 13px; }
        .warning { background: #fff4d6; border: 1px solid #e8c35a; border-radius: 8px; padding: 10px 14px; }
        .cards { display: flex; gap: 12px; flex-wrap: wrap; background: none; border: none; padding: 0; }
        .card { flex: 1 1 160px; background: #fff; border: 1px solid #dfe4ee; border-radius: 8px; padding: 12px 14px; }
        .card.dim { opacity: 0.55; }
        .card-name { font-size: 13px; color: #5f6b80; }
        .card-value { font-size: 26px; font-weight: 600; }
        .card-delta { font-size: 13px; }
        .up { color: #1e7d3c; } .down { color: #b3261e; } .same { color: #5f6b80; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #edf0f5; font-variant-numeric: tabular-nums; }
        .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
        .chart { display: block; max-width: 100%; height: auto; margin: 6px 0; }
        .chart-title { font-size: 14px; font-weight: 600; fill: #1d2433; }
        .plot { fill: #fbfcfe; stroke: #dfe4ee; }
        .grid { stroke: #e6eaf1; stroke-width: 1; }
        .axis { stroke: #5f6b80; stroke-width: 1; }
        .tick, .legend, .bar-value { font-size: 11px; fill: #5f6b80; }
        .axis-label, .bar-label { font-size: 12px; fill: #1d2433; }
        footer { margin: 18px 0; }
        h3 { font-size: 15px; margin: 14px 0 6px; }
        .verdict { border-width: 2px; }
        .verdict-text { font-size: 24px; font-weight: 700; }
        .verdict.improved { border-color: #1e7d3c; background: #eef8f0; } .verdict.improved .verdict-text { color: #1e7d3c; }
        .verdict.unchanged { border-color: #5f6b80; } .verdict.unchanged .verdict-text { color: #3d4759; }
        .verdict.worse { border-color: #b3261e; background: #fcefee; } .verdict.worse .verdict-text { color: #b3261e; }
        .examples td { vertical-align: top; font-size: 13px; } .examples .rank { white-space: nowrap; font-weight: 600; }
        .rank.rose { color: #157a6e; } .rank.fell { color: #a3471b; }
        """;
}
