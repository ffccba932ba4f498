namespace PairTuner.Workflow.Api;

/// <summary>A request body over <see cref="ApiLimits.MaxBodyBytes"/>.</summary>
public sealed class RequestTooLargeException : Exception
{
    public RequestTooLargeException()
    {
    }

    public RequestTooLargeException(string message)
        : base(message)
    {
    }

    public RequestTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
