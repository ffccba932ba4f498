namespace PairTuner.Training.ModelIO.Hub;

/// <summary>A Hub download that failed: the message names the repository, revision, file and HTTP status (never the token).</summary>
public sealed class HubDownloadException : Exception
{
    public HubDownloadException()
    {
    }

    public HubDownloadException(string message) : base(message)
    {
    }

    public HubDownloadException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
