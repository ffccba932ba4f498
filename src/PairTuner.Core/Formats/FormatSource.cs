namespace PairTuner.Core.Formats;

/// <summary>What decided the format of a pairs file.</summary>
public enum FormatSource
{
    /// <summary>The file name's extension, and the content did not contradict it.</summary>
    Extension,

    /// <summary>The first bytes of the content (no extension, an unknown one, or one that contradicts the content).</summary>
    Content,

    /// <summary>The caller said so (<see cref="Ingestion.IngestOptions.Format"/>).</summary>
    Option,
}
