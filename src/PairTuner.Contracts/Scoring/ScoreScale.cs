using System.Globalization;

namespace PairTuner.Contracts.Scoring;

/// <summary>Bounds of each <see cref="ScoreRange"/> and the map into [0, 1].</summary>
public static class ScoreScale
{
    public static double Min(ScoreRange range) => range == ScoreRange.OneToFive ? 1.0 : 0.0;

    public static double Max(ScoreRange range) => range == ScoreRange.Unit ? 1.0 : 5.0;

    public static bool Contains(ScoreRange range, double score) => score >= Min(range) && score <= Max(range);

    /// <summary>The score in [0, 1]; the caller has checked <see cref="Contains"/>.</summary>
    public static double Normalize(ScoreRange range, double score)
        => range == ScoreRange.Unit ? score : (score - Min(range)) / (Max(range) - Min(range));

    /// <summary>The range as users write it on the command line: <c>0-1</c>, <c>0-5</c>, <c>1-5</c>.</summary>
    public static string Describe(ScoreRange range)
        => string.Create(CultureInfo.InvariantCulture, $"{Min(range)}-{Max(range)}");

    /// <summary>Parses <c>0-1</c>/<c>unit</c>/<c>none</c>, <c>0-5</c>/<c>zeroToFive</c>, <c>1-5</c>/<c>oneToFive</c>.</summary>
    public static ScoreRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToUpperInvariant() switch
        {
            "0-1" or "UNIT" or "NONE" => ScoreRange.Unit,
            "0-5" or "ZEROTOFIVE" => ScoreRange.ZeroToFive,
            "1-5" or "ONETOFIVE" => ScoreRange.OneToFive,
            _ => throw new FormatException($"Unknown score range '{text}': use 0-1 (scores already in [0, 1]), 0-5 or 1-5."),
        };
    }
}
