using PairTuner.Contracts.Jobs;
using PairTuner.Core.Pairs;
using PairTuner.Training.Checkpoints;
using PairTuner.Training.Reporting;

namespace PairTuner.Training.Trainer;

/// <summary>Everything one fine-tuning run needs besides the model.</summary>
public sealed record TrainingRunInputs
{
    public required IReadOnlyList<Pair> Train { get; init; }
    public required IReadOnlyList<Pair> Eval { get; init; }
    public required TrainingOptions Options { get; init; }

    /// <summary>Folder the tuned model is saved to (a sentence-transformers folder).</summary>
    public required string ModelFolder { get; init; }

    public CheckpointStore? Checkpoints { get; init; }
    public bool Resume { get; init; }
    public bool LabelsSynthetic { get; init; }
    public string? RunId { get; init; }

    /// <summary>Log entries a resumed run's earlier attempts wrote; entries past the checkpoint are dropped.</summary>
    public IReadOnlyList<TrainingLogEntry> PreviousLog { get; init; } = [];
}
