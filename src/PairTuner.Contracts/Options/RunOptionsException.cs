namespace PairTuner.Contracts.Options;

/// <summary>Thrown when any option value of a run is bad; <see cref="Errors"/> names every one, not just the first.</summary>
public sealed class RunOptionsException : Exception
{
    public RunOptionsException()
        : this([])
    {
    }

    public RunOptionsException(string message)
        : base(message)
    {
        Errors = [];
    }

    public RunOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public RunOptionsException(IReadOnlyList<OptionError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<OptionError> Errors { get; }

    private static string Format(IReadOnlyList<OptionError> errors) =>
        errors.Count == 0
            ? "Invalid run options."
            : $"Invalid run options ({errors.Count}): " + string.Join("; ", errors.Select(e => e.ToString())) + ".";
}
