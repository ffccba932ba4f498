using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using PairTuner.Contracts.Scoring;

namespace PairTuner.Contracts.Options;

/// <summary>Factory methods for the parsers the catalog uses.</summary>
internal static class OptionParsers
{
    public static OptionParser<int> Integer(int min, int max) =>
        OptionParser<int>.Create(
            $"an integer from {Text(min)} to {Text(max)}",
            raw => int.TryParse(raw?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                ? (true, v)
                : (false, 0),
            Text,
            [Text(min), Text(max), ((long)min - 1).ToString(CultureInfo.InvariantCulture), ((long)max + 1).ToString(CultureInfo.InvariantCulture), "1.5", "many"]);

    /// <summary>Like <see cref="Integer"/>, and <c>default</c> (or JSON null) for "let the run decide".</summary>
    public static OptionParser<int?> OptionalInteger(int min, int max, string whenDefault) =>
        Optional(Integer(min, max), whenDefault);

    /// <summary>A finite number in a range; <paramref name="minExclusive"/> excludes the lower bound (learning rates, scales).</summary>
    public static OptionParser<double> Number(double min, double max, bool minExclusive = false, bool maxExclusive = false) =>
        OptionParser<double>.Create(
            $"a number {(minExclusive ? "greater than" : "from")} {Text(min)} {(maxExclusive ? "and less than" : minExclusive ? "and at most" : "to")} {Text(max)}",
            raw => TryNumber(raw, out var v)
                && (minExclusive ? v > min : v >= min)
                && (maxExclusive ? v < max : v <= max)
                ? (true, v)
                : (false, 0),
            Text,
            [Text(min), Text(max), Text(Math.BitDecrement(min)), Text(Math.BitIncrement(max)), Text(minExclusive ? Math.BitIncrement(min) : (min + max) / 2), "NaN", "much"]);

    /// <summary>Like <see cref="Number"/>, and <c>default</c> (or JSON null) for "let the run decide".</summary>
    public static OptionParser<double?> OptionalNumber(double min, double max, bool minExclusive, string whenDefault) =>
        Optional(Number(min, max, minExclusive), whenDefault);

    private static OptionParser<T?> Optional<T>(OptionParser<T> inner, string whenDefault)
        where T : struct =>
        OptionParser<T?>.Create(
            $"{inner.Allowed}, or default ({whenDefault})",
            raw => raw is null || string.Equals(raw.Trim(), "default", StringComparison.OrdinalIgnoreCase)
                ? (true, null)
                : inner.TryParse(raw, out var v) ? (true, v) : (false, null),
            v => v is null ? "default" : inner.Format(v.Value),
            [.. inner.Probes, "default"]);

    /// <summary>One of the enum's names, camelCase as in every PairTuner JSON file; case does not matter.</summary>
    public static OptionParser<TEnum> Choice<TEnum>()
        where TEnum : struct, Enum
    {
        var names = Enum.GetValues<TEnum>().Select(v => (Name: Camel(v.ToString()), Value: v)).ToArray();
        return OptionParser<TEnum>.Create(
            "one of " + string.Join(", ", names.Select(n => n.Name)),
            raw =>
            {
                foreach (var (name, value) in names)
                {
                    if (string.Equals(raw?.Trim(), name, StringComparison.OrdinalIgnoreCase))
                    {
                        return (true, value);
                    }
                }

                return (false, default);
            },
            v => Camel(v.ToString()),
            [.. names.Select(n => n.Name), names[0].Name.ToUpperInvariant(), "none-of-these"]);
    }

    /// <summary>A score range as PairTuner.Core writes it: <c>0-1</c>, <c>0-5</c>, <c>1-5</c> (or unit, zeroToFive, oneToFive).</summary>
    public static OptionParser<ScoreRange> ScoreRanges() =>
        OptionParser<ScoreRange>.Create(
            "0-1, 0-5 or 1-5",
            raw =>
            {
                try
                {
                    return raw is null ? (false, default) : (true, ScoreScale.Parse(raw));
                }
                catch (FormatException)
                {
                    return (false, default);
                }
            },
            ScoreScale.Describe,
            ["0-1", "0-5", "1-5", "2-7"]);

    /// <summary>A duration as <c>[d.]hh:mm:ss</c> or ISO 8601 (<c>PT2H</c>, as ARM and Durable settings write it).</summary>
    public static OptionParser<TimeSpan> Duration(TimeSpan min, TimeSpan max) =>
        OptionParser<TimeSpan>.Create(
            $"a duration from {Text(min)} to {Text(max)}, as [d.]hh:mm:ss or ISO 8601 (PT2H)",
            raw =>
            {
                var text = raw?.Trim();
                if (string.IsNullOrEmpty(text))
                {
                    return (false, default);
                }

                TimeSpan value;
                if (text.StartsWith('P') || text.StartsWith('p'))
                {
                    try
                    {
                        value = XmlConvert.ToTimeSpan(text.ToUpperInvariant());
                    }
                    catch (FormatException)
                    {
                        return (false, default);
                    }
                    catch (OverflowException)
                    {
                        return (false, default);
                    }
                }
                else if (!TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value))
                {
                    return (false, default);
                }

                return value >= min && value <= max ? (true, value) : (false, default);
            },
            Text,
            [Text(min), Text(max), Text(min - TimeSpan.FromMilliseconds(1)), Text(max + TimeSpan.FromSeconds(1)), "PT2H", "soon"]);

    /// <summary>Text that matches <paramref name="pattern"/> (anchored), described by <paramref name="allowed"/>.</summary>
    public static OptionParser<string> Matching(Regex pattern, string allowed, params string[] probes) =>
        OptionParser<string>.Create(
            allowed,
            raw => raw is not null && pattern.IsMatch(raw.Trim()) ? (true, raw.Trim()) : (false, string.Empty),
            v => v,
            probes);

    /// <summary>Text that <paramref name="allows"/> takes, described by <paramref name="allowed"/>.</summary>
    public static OptionParser<string> Satisfying(Func<string, bool> allows, string allowed, params string[] probes) =>
        OptionParser<string>.Create(
            allowed,
            raw => raw is not null && allows(raw.Trim()) ? (true, raw.Trim()) : (false, string.Empty),
            v => v,
            probes);

    private static bool TryNumber(string? raw, out double value) =>
        double.TryParse(raw?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
