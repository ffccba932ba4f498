namespace PairTuner.Core.Streams;

/// <summary>Thrown by <see cref="CountingReadStream"/> when a file goes past its byte limit.</summary>
public sealed class FileTooLargeException : IOException
{
    public FileTooLargeException()
    {
    }

    public FileTooLargeException(string message)
        : base(message)
    {
    }

    public FileTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
