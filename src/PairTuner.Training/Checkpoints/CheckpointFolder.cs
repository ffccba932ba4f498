namespace PairTuner.Training.Checkpoints;

/// <summary>One checkpoint folder as listed: its prefix, step, whether its marker exists, and its files.</summary>
public sealed record CheckpointFolder(string Folder, long Step, bool Complete, IReadOnlyList<string> Files);
