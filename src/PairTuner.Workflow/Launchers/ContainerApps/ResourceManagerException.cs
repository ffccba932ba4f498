using System.Net;

namespace PairTuner.Workflow.Launchers.ContainerApps;

/// <summary>An Azure Resource Manager call failed; <see cref="Exception.Message"/> says what to do about it.</summary>
public sealed class ResourceManagerException : Exception
{
    public ResourceManagerException(string message, HttpStatusCode? statusCode = null, string? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
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
}
