namespace PairTuner.Training.ModelIO.SafeTensors;

/// <summary>A safetensors file that breaks the format; the message names the file, the tensor and the field.</summary>
public sealed class SafeTensorsFormatException : Exception
{
    public SafeTensorsFormatException()
    {
    }

    public SafeTensorsFormatException(string message) : base(message)
    {
    }

    public SafeTensorsFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
