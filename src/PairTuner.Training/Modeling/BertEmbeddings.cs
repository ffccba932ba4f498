using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>
/// Hugging Face's <c>BertEmbeddings</c>: word + absolute position + token type (always type 0 for
/// single sentences), then LayerNorm and dropout. Parameter names: <c>word_embeddings.weight</c>,
/// <c>position_embeddings.weight</c>, <c>token_type_embeddings.weight</c>, <c>LayerNorm.weight/bias</c>.
/// </summary>
public sealed class BertEmbeddings : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the Hugging Face module names.
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly Embedding token_type_embeddings;
    private readonly LayerNorm LayerNorm;
#pragma warning restore IDE1006
    private readonly double dropoutProbability;
    private readonly long maxPositions;

    public BertEmbeddings(BertConfig config) : base(nameof(BertEmbeddings))
    {
        word_embeddings = nn.Embedding(config.VocabSize, config.HiddenSize, padding_idx: config.PadTokenId);
        position_embeddings = nn.Embedding(config.MaxPositionEmbeddings, config.HiddenSize);
        token_type_embeddings = nn.Embedding(config.TypeVocabSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropoutProbability = config.HiddenDropoutProb;
        maxPositions = config.MaxPositionEmbeddings;
        RegisterComponents();
    }

    /// <param name="inputIds">int64 [batch, seq] token ids.</param>
    /// <returns>float32 [batch, seq, hidden].</returns>
    public override Tensor forward(Tensor inputIds)
    {
        var seq = inputIds.shape[1];
        if (seq > maxPositions)
        {
            throw new ArgumentException(
                $"A sequence of {seq} tokens is longer than the model's {maxPositions} position embeddings; truncate to max_seq_length first.",
                nameof(inputIds));
        }

        var positions = arange(seq, dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0);
        var tokenTypes = zeros_like(inputIds);
        var sum = word_embeddings.forward(inputIds) + position_embeddings.forward(positions) + token_type_embeddings.forward(tokenTypes);
        return MaskedDropout.Apply(LayerNorm.forward(sum), dropoutProbability, training);
    }
}
