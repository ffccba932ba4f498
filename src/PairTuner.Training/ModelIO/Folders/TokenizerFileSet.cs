namespace PairTuner.Training.ModelIO.Folders;

/// <summary>
/// Where a model's tokenizer files are. <see cref="VocabPath"/> is required (the WordPiece vocabulary
/// PairTuner's tokenizer reads); the others are copied as they are when present and written fresh
/// from the vocabulary when not.
/// </summary>
public sealed record TokenizerFileSet(string VocabPath)
{
    public string? TokenizerJsonPath { get; init; }

    public string? TokenizerConfigPath { get; init; }

    public string? SpecialTokensMapPath { get; init; }

    /// <summary>The tokenizer files found in <paramref name="folder"/> (vocab.txt must exist).</summary>
    public static TokenizerFileSet InFolder(string folder)
    {
        string? Optional(string name) => File.Exists(Path.Combine(folder, name)) ? Path.Combine(folder, name) : null;
        return new TokenizerFileSet(Path.Combine(folder, ModelFiles.Vocab))
        {
            TokenizerJsonPath = Optional(ModelFiles.TokenizerJson),
            TokenizerConfigPath = Optional(ModelFiles.TokenizerConfig),
            SpecialTokensMapPath = Optional(ModelFiles.SpecialTokensMap),
        };
    }
}
