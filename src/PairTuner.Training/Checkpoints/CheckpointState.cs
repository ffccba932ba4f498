using PairTuner.Training.Batching;

namespace PairTuner.Training.Checkpoints;

/// <summary>
/// <c>trainer_state.json</c> of a checkpoint: where training stood after <see cref="Step"/> optimizer
/// steps. The dropout generators need no saved state: every step reseeds them from
/// (<see cref="Seed"/>, step), so (seed, step) is their state.
/// </summary>
public sealed record CheckpointState
{
    /// <summary>Optimizer steps taken; also the scheduler's position.</summary>
    public required long Step { get; init; }

    public required long TotalSteps { get; init; }

    /// <summary>The sampler's position: the epoch and how many of its batches are done.</summary>
    public required SamplerPosition Position { get; init; }

    public required long Seed { get; init; }

    /// <summary>How many training pairs the run had; a resume with other data is refused.</summary>
    public required int TrainPairs { get; init; }

    public double? Loss { get; init; }

    /// <summary>fp32 or bf16; the weights file always holds fp32 (the masters in bf16 runs).</summary>
    public string Precision { get; init; } = "fp32";

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
