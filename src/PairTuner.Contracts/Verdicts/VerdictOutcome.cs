namespace PairTuner.Contracts.Verdicts;

/// <summary>What a run did to the model, judged on the eval split it never trained on.</summary>
public enum VerdictOutcome
{
    /// <summary>The selection metric rose and its 95% interval lies above zero.</summary>
    Improved,

    /// <summary>The interval includes zero: the data cannot tell the tuned model from the base.</summary>
    NoMeasurableChange,

    /// <summary>Tuning lowered the selection metric (interval below zero); the base model is published.</summary>
    WorseThanBase,
}
