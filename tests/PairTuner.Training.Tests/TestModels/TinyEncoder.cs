using PairTuner.Training.Trainer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PairTuner.Training.Tests.TestModels;

/// <summary>
/// A small sentence encoder for loss, optimizer and resume tests: hashed word ids, an embedding
/// table, a residual dense layer with LayerNorm and dropout, mean pooling. Parameter names follow
/// Hugging Face's (<c>LayerNorm.weight</c>, <c>dense.bias</c>) so the weight-decay groups apply.
/// </summary>
internal sealed class TinyEncoder : Module<Tensor, Tensor, Tensor>, ITrainableEncoder
{
    private readonly Embedding word_embeddings;
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly Dropout dropout;
    private readonly int _vocab;

    public TinyEncoder(int vocab = 257, int dim = 16, double dropoutProbability = 0.1, long seed = 7) : base(nameof(TinyEncoder))
    {
        _vocab = vocab;
        torch.random.manual_seed(seed);
        word_embeddings = Embedding(vocab, dim);
        dense = Linear(dim, dim);
        LayerNorm = nn.LayerNorm(dim);
        dropout = Dropout(dropoutProbability);
        RegisterComponents();
    }

    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters => named_parameters();

    public void SetTraining(bool training) => train(training);

    public override Tensor forward(Tensor ids, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var x = word_embeddings.forward(ids);
        x = LayerNorm.forward(x + dense.forward(x).tanh());
        x = dropout.forward(x);
        var m = mask.unsqueeze(-1).to(x.dtype);
        var pooled = (x * m).sum(1) / m.sum(1).clamp_min(1e-9);
        return pooled.MoveToOuterDisposeScope();
    }

    public Tensor Embed(IReadOnlyList<string> texts)
    {
        var tokens = texts.Select(Tokenize).ToArray();
        var length = Math.Max(1, tokens.Max(t => t.Length));
        var ids = new long[texts.Count * length];
        var mask = new long[texts.Count * length];
        for (var i = 0; i < tokens.Length; i++)
        {
            for (var j = 0; j < tokens[i].Length; j++)
            {
                ids[(i * length) + j] = tokens[i][j];
                mask[(i * length) + j] = 1;
            }
        }

        using var idTensor = tensor(ids, [texts.Count, length]);
        using var maskTensor = tensor(mask, [texts.Count, length]);
        return forward(idTensor, maskTensor);
    }

    private long[] Tokenize(string text)
        => text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => (long)(1 + (Fnv(w) % (uint)(_vocab - 1))))
            .ToArray();

    private static uint Fnv(string word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
