namespace PairTuner.Core.Tests.TestSupport;

/// <summary>
/// Tests that measure the process's live memory run alone: another test allocating in parallel
/// would show up in their numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuringCollection
{
    public const string Name = "Memory measuring (runs alone)";
}
