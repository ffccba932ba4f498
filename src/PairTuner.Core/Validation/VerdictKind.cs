namespace PairTuner.Core.Validation;

/// <summary>What checking one record on its own decided; duplicates need the whole file and are decided later, in order.</summary>
internal enum VerdictKind : byte
{
    Rejected,
    BelowMinScore,
    IdenticalTexts,

    /// <summary>Usable unless it repeats an earlier pair.</summary>
    Usable,
}
