namespace PairTuner.Workflow.Orchestration;

/// <summary>
/// Thrown by the orchestration after it wrote <c>error.json</c>: the run's Failed status carries
/// this message, which says what went wrong and what to do about it.
/// </summary>
public sealed class RunFailedException : Exception
{
    public RunFailedException()
    {
    }

    public RunFailedException(string message)
        : base(message)
    {
    }

    public RunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
