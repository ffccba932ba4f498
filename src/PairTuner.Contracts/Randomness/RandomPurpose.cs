namespace PairTuner.Contracts.Randomness;

/// <summary>Separates the random streams of one shard, so that labels and the split never share numbers.</summary>
public enum RandomPurpose : ulong
{
    Labels = 1,
    Split = 2,
}
