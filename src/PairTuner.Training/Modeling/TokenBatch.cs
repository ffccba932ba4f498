using static TorchSharp.torch;

namespace PairTuner.Training.Modeling;

/// <summary>
/// Token ids of several texts padded into the two int64 [batch, seq] tensors the encoder takes.
/// Padding uses id 0 ([PAD]) and mask 0; seq is the longest sequence in the batch.
/// </summary>
public sealed class TokenBatch : IDisposable
{
    private TokenBatch(Tensor inputIds, Tensor attentionMask)
    {
        InputIds = inputIds;
        AttentionMask = attentionMask;
    }

    public Tensor InputIds { get; }

    public Tensor AttentionMask { get; }

    public static TokenBatch FromIds(IReadOnlyList<IReadOnlyList<int>> ids, int padId = 0)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one sequence.", nameof(ids));
        }

        var seq = ids.Max(s => s.Count);
        var flatIds = new long[ids.Count * seq];
        var flatMask = new long[ids.Count * seq];
        for (var row = 0; row < ids.Count; row++)
        {
            var sequence = ids[row];
            for (var col = 0; col < seq; col++)
            {
                var at = row * seq + col;
                flatIds[at] = col < sequence.Count ? sequence[col] : padId;
                flatMask[at] = col < sequence.Count ? 1 : 0;
            }
        }

        return new TokenBatch(tensor(flatIds, ids.Count, seq), tensor(flatMask, ids.Count, seq));
    }

    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
    }
}
