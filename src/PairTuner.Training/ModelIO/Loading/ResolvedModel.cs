using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;

namespace PairTuner.Training.ModelIO.Loading;

/// <summary>What <see cref="ModelResolver.Open"/> gives: the encoder (the caller disposes it), its tokenizer and where both came from.</summary>
/// <param name="Encoder">The weights on the device and in the precision asked for.</param>
/// <param name="Tokenizer">The model's tokenizer (its tokenizer.json when it has one, else vocab.txt).</param>
/// <param name="TokenizerFiles">The tokenizer's files, copied into a saved model as they are.</param>
/// <param name="MaxSeqLength">Where the tokenizer cuts, [CLS] and [SEP] included.</param>
/// <param name="Source">Where the weights came from, in words.</param>
public sealed record ResolvedModel(SentenceEncoder Encoder, BertWordPieceTokenizer Tokenizer, TokenizerFileSet TokenizerFiles, int MaxSeqLength, string Source);
