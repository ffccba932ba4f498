namespace PairTuner.Training.Runtime;

/// <summary>TorchSharp's native libraries cannot run here, or the requested device does not exist.</summary>
public sealed class TorchUnavailableException : Exception
{
    public TorchUnavailableException()
    {
    }

    public TorchUnavailableException(string message) : base(message)
    {
    }

    public TorchUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
