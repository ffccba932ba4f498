namespace PairTuner.Training.Reporting;

/// <summary>How much data the run trained and evaluated on.</summary>
public sealed record DataCounts
{
    public int TrainPairs { get; init; }
    public int EvalPairs { get; init; }

    /// <summary>Eval pairs with a score (the correlations use these).</summary>
    public int LabelledEvalPairs { get; init; }

    /// <summary>Distinct eval text1: the retrieval queries.</summary>
    public int EvalQueries { get; init; }

    /// <summary>Distinct eval text2: the retrieval corpus.</summary>
    public int EvalCorpus { get; init; }
}
