namespace PairTuner.Training.Evaluation.Beir;

/// <summary>A BEIR file that cannot be read: the message names the file, the line and the field.</summary>
public sealed class BeirFormatException : Exception
{
    public BeirFormatException()
    {
    }

    public BeirFormatException(string message)
        : base(message)
    {
    }

    public BeirFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BeirFormatException(string file, long line, string? field, string problem, Exception? innerException = null)
        : base($"{file}:{line}: {(field is null ? string.Empty : $"field '{field}': ")}{problem}", innerException)
    {
        File = file;
        Line = line;
        Field = field;
    }

    public string? File { get; }

    public long Line { get; }

    public string? Field { get; }
}
