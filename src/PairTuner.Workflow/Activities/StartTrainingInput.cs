using PairTuner.Contracts.Jobs;

namespace PairTuner.Workflow.Activities;

/// <param name="Attempt">1 for the first launch; later attempts resume from the newest checkpoint.</param>
public sealed record StartTrainingInput(
    string RunId,
    IReadOnlyList<string> Train,
    IReadOnlyList<string> Eval,
    TrainingOptions Options,
    bool LabelsSynthetic,
    int Attempt);
