namespace PairTuner.Training.ModelIO.Folders;

/// <summary>A model folder or file that cannot be used; the message names the file and the field.</summary>
public sealed class ModelFolderException : Exception
{
    public ModelFolderException()
    {
    }

    public ModelFolderException(string message) : base(message)
    {
    }

    public ModelFolderException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
