using System.Globalization;
using System.Net;

namespace PairTuner.Training.Reporting;

/// <summary>Number and text formatting shared by the charts: invariant culture, escaped text.</summary>
internal static class SvgFormat
{
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Text(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A short tick label: 1200 -> "1.2k", 0.000021 -> "2.1e-05", 0.25 -> "0.25".</summary>
    public static string Tick(double value)
    {
        var magnitude = Math.Abs(value);
        if (magnitude == 0)
        {
            return "0";
        }

        if (magnitude >= 10_000)
        {
            return (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k";
        }

        if (magnitude < 0.001)
        {
            return value.ToString("0.#e-00", CultureInfo.InvariantCulture);
        }

        return value.ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary>Evenly spaced "nice" tick values (1, 2 or 5 times a power of ten) covering [min, max].</summary>
    public static IReadOnlyList<double> NiceTicks(double min, double max, int approximateCount)
    {
        if (!(max > min))
        {
            return [min];
        }

        var rough = (max - min) / Math.Max(1, approximateCount);
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        var step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
        var ticks = new List<double>();
        for (var tick = Math.Ceiling(min / step) * step; tick <= max + (step * 1e-9); tick += step)
        {
            ticks.Add(Math.Abs(tick) < step * 1e-9 ? 0 : tick);
        }

        return ticks;
    }
}
