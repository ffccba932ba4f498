using System.Net;

namespace PairTuner.Workflow.Launchers.ContainerApps;

/// <summary>An Azure Resource Manager call failed; <see cref="Exception.Message"/> says what to do about it.</summary>
public sealed class ResourceManagerException : Exception
{
    public ResourceManagerException(string message, HttpStatusCode? statusCode = null, string? errorCode = null, Exception? innerException = null, bool outcomeUnknown = false)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        OutcomeUnknown = outcomeUnknown;
    }

    public ResourceManagerException(string message, Exception innerException, bool outcomeUnknown)
        : this(message, null, null, innerException, outcomeUnknown)
    {
    }

    public ResourceManagerException()
    {
    }

    public ResourceManagerException(string message)
        : base(message)
    {
    }

    public ResourceManagerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>ARM's <c>error.code</c>, e.g. AuthorizationFailed, ResourceNotFound.</summary>
    public string? ErrorCode { get; }

    /// <summary>
    /// True when a request that is not safe to repeat (a start) got no clear answer (timeout, dropped
    /// connection, 5xx): Azure may have acted on it. Look before sending it again.
    /// </summary>
    public bool OutcomeUnknown { get; }
}
