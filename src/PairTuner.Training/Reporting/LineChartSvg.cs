using System.Text;

namespace PairTuner.Training.Reporting;

/// <summary>
/// An inline SVG line chart (the loss curve, the learning-rate schedule). Long runs are reduced
/// to at most <see cref="MaxPoints"/> bucket averages so the page stays small for any run length.
/// </summary>
public static class LineChartSvg
{
    public const int MaxPoints = 1500;

    private const int Left = 64;
    private const int Right = 20;
    private const int Top = 34;
    private const int Bottom = 44;

    /// <param name="series">Lines to draw over the same axes: a name, a colour and the points.</param>
    public static string Render(
        string title,
        string xLabel,
        string yLabel,
        IReadOnlyList<(string Name, string Color, IReadOnlyList<(double X, double Y)> Points)> series,
        int width = 760,
        int height = 300)
    {
        ArgumentNullException.ThrowIfNull(series);
        var lines = series
            .Select(s => (s.Name, s.Color, Points: Downsample(s.Points.Where(static p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray())))
            .ToArray();
        var all = lines.SelectMany(static l => l.Points).ToArray();
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">");
        svg.Append($"<title>{SvgFormat.Text(title)}</title>");
        svg.Append($"<text x=\"{Left}\" y=\"20\" class=\"chart-title\">{SvgFormat.Text(title)}</text>");
        if (all.Length == 0)
        {
            svg.Append($"<text x=\"{width / 2}\" y=\"{height / 2}\" text-anchor=\"middle\" class=\"muted\">no data</text></svg>");
            return svg.ToString();
        }

        var (minX, maxX) = (all.Min(static p => p.X), all.Max(static p => p.X));
        var (minY, maxY) = (Math.Min(0, all.Min(static p => p.Y)), all.Max(static p => p.Y));
        if (maxX <= minX)
        {
            maxX = minX + 1;
        }

        if (maxY <= minY)
        {
            maxY = minY + 1;
        }

        var plotWidth = width - Left - Right;
        var plotHeight = height - Top - Bottom;
        double Px(double x) => Left + ((x - minX) / (maxX - minX) * plotWidth);
        double Py(double y) => Top + plotHeight - ((y - minY) / (maxY - minY) * plotHeight);

        svg.Append($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" class=\"plot\"/>");
        foreach (var tick in SvgFormat.NiceTicks(minY, maxY, 5))
        {
            var y = SvgFormat.Number(Py(tick));
            svg.Append($"<line x1=\"{Left}\" x2=\"{Left + plotWidth}\" y1=\"{y}\" y2=\"{y}\" class=\"grid\"/>");
            svg.Append($"<text x=\"{Left - 6}\" y=\"{y}\" dy=\"4\" text-anchor=\"end\" class=\"tick\">{SvgFormat.Tick(tick)}</text>");
        }

        foreach (var tick in SvgFormat.NiceTicks(minX, maxX, 6))
        {
            var x = SvgFormat.Number(Px(tick));
            svg.Append($"<line x1=\"{x}\" x2=\"{x}\" y1=\"{Top + plotHeight}\" y2=\"{Top + plotHeight + 4}\" class=\"axis\"/>");
            svg.Append($"<text x=\"{x}\" y=\"{Top + plotHeight + 17}\" text-anchor=\"middle\" class=\"tick\">{SvgFormat.Tick(tick)}</text>");
        }

        svg.Append($"<text x=\"{Left + (plotWidth / 2)}\" y=\"{height - 6}\" text-anchor=\"middle\" class=\"axis-label\">{SvgFormat.Text(xLabel)}</text>");
        svg.Append($"<text transform=\"translate(14 {Top + (plotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\" class=\"axis-label\">{SvgFormat.Text(yLabel)}</text>");

        var legendX = Left + plotWidth;
        foreach (var (name, color, points) in lines.Reverse())
        {
            if (points.Length == 0)
            {
                continue;
            }

            svg.Append("<polyline fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke=\"").Append(color).Append("\" points=\"");
            foreach (var (x, y) in points)
            {
                svg.Append(SvgFormat.Number(Px(x))).Append(',').Append(SvgFormat.Number(Py(y))).Append(' ');
            }

            svg.Append("\"/>");
            if (points.Length == 1)
            {
                svg.Append($"<circle cx=\"{SvgFormat.Number(Px(points[0].X))}\" cy=\"{SvgFormat.Number(Py(points[0].Y))}\" r=\"3\" fill=\"{color}\"/>");
            }

            var labelWidth = 14 + (7 * name.Length);
            legendX -= labelWidth + 10;
            svg.Append($"<rect x=\"{legendX}\" y=\"12\" width=\"10\" height=\"10\" fill=\"{color}\"/>");
            svg.Append($"<text x=\"{legendX + 14}\" y=\"21\" class=\"legend\">{SvgFormat.Text(name)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// Centered moving average over about 1/20 of the run. Centered rather than exponential so the
    /// smoothed curve does not lag behind (and sit above) a falling loss.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> Smooth(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var half = Math.Max(1, points.Count / 40);
        var prefix = new double[points.Count + 1];
        for (var i = 0; i < points.Count; i++)
        {
            prefix[i + 1] = prefix[i] + points[i].Y;
        }

        var result = new (double X, double Y)[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var from = Math.Max(0, i - half);
            var to = Math.Min(points.Count, i + half + 1);
            result[i] = (points[i].X, (prefix[to] - prefix[from]) / (to - from));
        }

        return result;
    }

    private static (double X, double Y)[] Downsample((double X, double Y)[] points)
    {
        if (points.Length <= MaxPoints)
        {
            return points;
        }

        var result = new (double X, double Y)[MaxPoints];
        for (var b = 0; b < MaxPoints; b++)
        {
            var start = (int)((long)b * points.Length / MaxPoints);
            var end = (int)((long)(b + 1) * points.Length / MaxPoints);
            double sumX = 0, sumY = 0;
            for (var i = start; i < end; i++)
            {
                sumX += points[i].X;
                sumY += points[i].Y;
            }

            result[b] = (sumX / (end - start), sumY / (end - start));
        }

        return result;
    }
}
