namespace PairTuner.Core.Pairs;

/// <summary>
/// One training example: two texts that mean the same thing to the team, with an optional
/// similarity score in [0, 1], an optional hard negative and an optional group (pairs of one
/// group, e.g. captions of one image, are positives of each other and never share a batch).
/// </summary>
public sealed record Pair(string Text1, string Text2, double? Score = null, string? Negative = null, string? Group = null);
