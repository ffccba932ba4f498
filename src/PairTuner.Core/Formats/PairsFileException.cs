using PairTuner.Core.Validation;

namespace PairTuner.Core.Formats;

/// <summary>
/// A problem that stops reading the whole file (a broken JSON array, a CSV header without text
/// columns, a record over the size limit): the report turns it into a fatal error.
/// </summary>
public sealed class PairsFileException : Exception
{
    public PairsFileException()
        : this(new RowError(string.Empty, 0, null, "the pairs file cannot be read"))
    {
    }

    public PairsFileException(string message)
        : this(new RowError(string.Empty, 0, null, message))
    {
    }

    public PairsFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new RowError(string.Empty, 0, null, message);
    }

    public PairsFileException(RowError error, Exception? innerException = null)
        : base(error?.ToString(), innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public RowError Error { get; }
}
