namespace PairTuner.Training.Tests.TestModels;

/// <summary>
/// Dropout draws from torch's one process-wide generator, and xunit runs test classes in parallel:
/// a test that replays dropout masks from a seed must not share the process with another test
/// drawing random numbers at the same time. Classes in this collection run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchRandomCollection
{
    public const string Name = "torch global random generator";
}
