using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;
using TorchSharp;

namespace PairTuner.Training.Evaluation;

/// <summary>
/// The thin adapter from the evaluators to the TorchSharp <see cref="SentenceEncoder"/>: tokenizes,
/// runs length-sorted batches without gradients and with dropout off, and copies the embeddings out
/// as floats. A model that was training goes back to training mode afterwards, so the trainer can
/// evaluate mid-run.
/// </summary>
public sealed class EncoderTextEmbedder : ITextEmbedder
{
    private readonly SentenceEncoder _encoder;
    private readonly BertWordPieceTokenizer _tokenizer;
    private readonly int _batchSize;

    public EncoderTextEmbedder(SentenceEncoder encoder, BertWordPieceTokenizer tokenizer, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _encoder = encoder;
        _tokenizer = tokenizer;
        _batchSize = batchSize;
    }

    /// <summary>Texts embedded so far; progress reporting reads it.</summary>
    public long TextsEmbedded { get; private set; }

    public EmbeddingMatrix Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var dimension = _encoder.Dimension;
        var result = EmbeddingMatrix.Create(texts.Count, dimension);
        if (texts.Count == 0)
        {
            return result;
        }

        var ids = _tokenizer.EncodeAll(texts);

        // Similar lengths share a batch, so little compute goes to padding (sentence-transformers sorts too).
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => ids[i].Length).ToArray();
        var wasTraining = _encoder.training;
        _encoder.eval();
        try
        {
            using var noGrad = torch.no_grad();
            for (var start = 0; start < order.Length; start += _batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = order.AsSpan(start, Math.Min(_batchSize, order.Length - start)).ToArray();
                using var scope = torch.NewDisposeScope();
                var batch = _tokenizer.Pad(rows.Select(i => ids[i]).ToArray());
                var embeddings = _encoder.Embed(batch).to(torch.CPU).to_type(torch.ScalarType.Float32).contiguous();
                var values = embeddings.data<float>().ToArray();
                for (var r = 0; r < rows.Length; r++)
                {
                    values.AsSpan(r * dimension, dimension).CopyTo(result.Row(rows[r]));
                }

                TextsEmbedded += rows.Length;
            }
        }
        finally
        {
            if (wasTraining)
            {
                _encoder.train();
            }
        }

        return result;
    }
}
