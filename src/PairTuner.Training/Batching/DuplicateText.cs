namespace PairTuner.Training.Batching;

/// <summary>
/// When two texts count as the same text for training: equal after trimming and lower-casing. The
/// batch sampler keeps such texts out of one batch, and the miner never offers one of them as a
/// negative of the other's pair.
/// </summary>
public static class DuplicateText
{
    public static string Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant();
    }
}
