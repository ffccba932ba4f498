namespace PairTuner.Core.Formats;

/// <summary>The format chosen for a file, what chose it, and a warning when extension and content disagree.</summary>
public sealed record FormatDetection(PairsFormat Format, FormatSource Source, string? Warning = null);
