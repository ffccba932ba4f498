namespace PairTuner.Core.Formats;

/// <summary>The role a column or JSON key plays in a pair.</summary>
public enum PairField
{
    Text1,
    Text2,
    Score,
    Label,
    Negative,
    Group,
}
