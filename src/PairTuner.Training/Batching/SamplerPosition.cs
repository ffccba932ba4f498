namespace PairTuner.Training.Batching;

/// <summary>
/// Where a sampler is: the epoch and how many of its batches were consumed. An epoch's batches are a
/// pure function of the seed and the epoch, so this pair is the sampler's whole state.
/// </summary>
public sealed record SamplerPosition(int Epoch, int Batch);
