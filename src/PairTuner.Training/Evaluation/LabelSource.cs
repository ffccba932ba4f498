namespace PairTuner.Training.Evaluation;

/// <summary>Where the labels behind <c>spearman_cosine</c> and <c>pearson_cosine</c> came from.</summary>
public enum LabelSource
{
    /// <summary>No labels: only retrieval metrics are reported.</summary>
    None,

    /// <summary>Scores a person gave (STS-B's 0-5, a team's own score column).</summary>
    Gold,

    /// <summary>
    /// The recipe's formula <c>0.9 + (uniform - 0.5) / 20</c>: noise around a constant, so a
    /// correlation with it says nothing about the model. Reports flag it.
    /// </summary>
    Synthetic,
}
