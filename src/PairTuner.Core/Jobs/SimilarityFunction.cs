namespace PairTuner.Core.Jobs;

public enum SimilarityFunction
{
    Dot,
    Cos,
}
