namespace PairTuner.Training.Tokenization;

/// <summary>
/// Token ids and attention mask of a batch of texts, padded with <c>[PAD]</c> to the batch's
/// longest text: flat row-major [Count, SequenceLength] int64 buffers, the shapes a BERT encoder takes.
/// </summary>
public sealed class TokenizedBatch
{
    internal TokenizedBatch(int count, int sequenceLength, long[] inputIds, long[] attentionMask, int[] lengths)
    {
        Count = count;
        SequenceLength = sequenceLength;
        InputIds = inputIds;
        AttentionMask = attentionMask;
        Lengths = lengths;
    }

    /// <summary>Number of texts (rows).</summary>
    public int Count { get; }

    /// <summary>Tokens per row: the longest text's length.</summary>
    public int SequenceLength { get; }

    /// <summary>[Count * SequenceLength] token ids, <c>[PAD]</c> after each text's <c>[SEP]</c>.</summary>
    public long[] InputIds { get; }

    /// <summary>[Count * SequenceLength]: 1 for a real token, 0 for padding.</summary>
    public long[] AttentionMask { get; }

    /// <summary>Each text's token count, <c>[CLS]</c> and <c>[SEP]</c> included.</summary>
    public int[] Lengths { get; }

    /// <summary>The ids of row <paramref name="index"/>, padding included.</summary>
    public ReadOnlySpan<long> Row(int index) => InputIds.AsSpan(index * SequenceLength, SequenceLength);

    /// <summary>The attention mask of row <paramref name="index"/>.</summary>
    public ReadOnlySpan<long> MaskRow(int index) => AttentionMask.AsSpan(index * SequenceLength, SequenceLength);
}
