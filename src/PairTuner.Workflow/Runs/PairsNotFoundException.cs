namespace PairTuner.Workflow.Runs;

/// <summary>The pairs blob a run was asked to read does not exist.</summary>
public sealed class PairsNotFoundException : Exception
{
    public PairsNotFoundException()
    {
    }

    public PairsNotFoundException(string message)
        : base(message)
    {
    }

    public PairsNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
