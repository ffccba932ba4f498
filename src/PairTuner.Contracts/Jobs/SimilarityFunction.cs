namespace PairTuner.Contracts.Jobs;

public enum SimilarityFunction
{
    Dot,
    Cos,
}
