namespace PairTuner.Training.Tokenization;

internal enum CharMappingKind : byte
{
    /// <summary>The code point stays as it is.</summary>
    Identity = 0,

    /// <summary>Removed (control and format characters, non-spacing marks after NFD).</summary>
    Removed = 1,

    /// <summary>Becomes the code point plus <see cref="CharMapping.Delta"/> (lowercase, one-letter decompositions).</summary>
    Shift = 2,

    /// <summary>Becomes the code points in <see cref="CharMapping.CodePoints"/> (decompositions that keep a spacing mark).</summary>
    Sequence = 3,
}
