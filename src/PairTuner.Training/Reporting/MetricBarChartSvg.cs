using System.Text;

namespace PairTuner.Training.Reporting;

/// <summary>
/// Base-vs-tuned metrics as an inline SVG of horizontal bar pairs, one row per metric, values
/// printed at the bar ends so the chart reads without the table.
/// </summary>
public static class MetricBarChartSvg
{
    public const string BaseColor = "#8c9bb5";
    public const string TunedColor = "#e8743b";

    private const int LabelWidth = 170;
    private const int ValueWidth = 60;
    private const int RowHeight = 34;
    private const int Top = 40;

    public static string Render(
        IReadOnlyList<string> metrics,
        IReadOnlyDictionary<string, double> baseline,
        IReadOnlyDictionary<string, double> tuned,
        int width = 760)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(tuned);
        var rows = metrics.Where(m => baseline.ContainsKey(m) || tuned.ContainsKey(m)).ToArray();
        var height = Top + (rows.Length * RowHeight) + 30;
        var values = rows.SelectMany(m => new[] { Get(baseline, m), Get(tuned, m) }).Where(static v => v is not null).Select(static v => v!.Value).ToArray();

        // Metrics here live in [0, 1]; correlations can go below 0, so the axis follows them there.
        var min = Math.Min(0, values.DefaultIfEmpty(0).Min());
        var max = Math.Max(1, values.DefaultIfEmpty(1).Max());
        var plotWidth = width - LabelWidth - ValueWidth - 10;
        double Px(double v) => LabelWidth + ((v - min) / (max - min) * plotWidth);

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">");
        svg.Append("<title>Base vs tuned metrics</title>");
        svg.Append($"<text x=\"10\" y=\"20\" class=\"chart-title\">Base vs tuned (eval split)</text>");
        svg.Append($"<rect x=\"{width - 210}\" y=\"10\" width=\"10\" height=\"10\" fill=\"{BaseColor}\"/><text x=\"{width - 196}\" y=\"19\" class=\"legend\">base</text>");
        svg.Append($"<rect x=\"{width - 140}\" y=\"10\" width=\"10\" height=\"10\" fill=\"{TunedColor}\"/><text x=\"{width - 126}\" y=\"19\" class=\"legend\">tuned</text>");
        foreach (var tick in SvgFormat.NiceTicks(min, max, 5))
        {
            var x = SvgFormat.Number(Px(tick));
            svg.Append($"<line x1=\"{x}\" x2=\"{x}\" y1=\"{Top - 6}\" y2=\"{height - 26}\" class=\"grid\"/>");
            svg.Append($"<text x=\"{x}\" y=\"{height - 10}\" text-anchor=\"middle\" class=\"tick\">{SvgFormat.Tick(tick)}</text>");
        }

        for (var i = 0; i < rows.Length; i++)
        {
            var y = Top + (i * RowHeight);
            svg.Append($"<text x=\"{LabelWidth - 8}\" y=\"{y + 18}\" text-anchor=\"end\" class=\"bar-label\">{SvgFormat.Text(rows[i])}</text>");
            Bar(svg, Get(baseline, rows[i]), y + 3, BaseColor, Px);
            Bar(svg, Get(tuned, rows[i]), y + 16, TunedColor, Px);
        }

        var zero = SvgFormat.Number(Px(0));
        svg.Append($"<line x1=\"{zero}\" x2=\"{zero}\" y1=\"{Top - 6}\" y2=\"{height - 26}\" class=\"axis\"/>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Bar(StringBuilder svg, double? value, int y, string color, Func<double, double> px)
    {
        if (value is null)
        {
            svg.Append($"<text x=\"{SvgFormat.Number(px(0) + 4)}\" y=\"{y + 10}\" class=\"tick\">n/a</text>");
            return;
        }

        var from = Math.Min(px(0), px(value.Value));
        var to = Math.Max(px(0), px(value.Value));
        svg.Append($"<rect x=\"{SvgFormat.Number(from)}\" y=\"{y}\" width=\"{SvgFormat.Number(Math.Max(1, to - from))}\" height=\"12\" rx=\"2\" fill=\"{color}\"/>");
        svg.Append($"<text x=\"{SvgFormat.Number(to + 4)}\" y=\"{y + 10}\" class=\"bar-value\">{value.Value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}</text>");
    }

    private static double? Get(IReadOnlyDictionary<string, double> metrics, string name)
        => metrics.TryGetValue(name, out var value) ? value : null;
}
