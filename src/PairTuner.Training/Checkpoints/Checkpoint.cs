namespace PairTuner.Training.Checkpoints;

/// <summary>A complete checkpoint: its state and the bytes of its weights and optimizer state.</summary>
public sealed record Checkpoint(string Folder, CheckpointState State, byte[] Weights, byte[] OptimizerState);
