namespace PairTuner.Training.Tokenization;

/// <summary>Options of <see cref="BertWordPieceTokenizer"/>.</summary>
public sealed record BertTokenizerOptions
{
    /// <summary>all-MiniLM-L6-v2's <c>max_seq_length</c>.</summary>
    public const int DefaultMaxSequenceLength = 256;

    /// <summary>
    /// The most tokens of one text, <c>[CLS]</c> and <c>[SEP]</c> included (sentence-transformers'
    /// <c>max_seq_length</c>). Longer texts keep their first pieces and end with <c>[SEP]</c>.
    /// </summary>
    public int MaxSequenceLength { get; init; } = DefaultMaxSequenceLength;

    /// <summary>How many distinct words the word -> ids cache keeps; words past that are tokenized each time.</summary>
    public int WordCacheCapacity { get; init; } = 1 << 19;

    /// <summary>Threads a batch uses; -1 means all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Batches smaller than this run on the calling thread (threads cost more than they save).</summary>
    public int ParallelThreshold { get; init; } = 64;

    internal void Validate()
    {
        if (MaxSequenceLength < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSequenceLength), MaxSequenceLength, "MaxSequenceLength must leave room for [CLS] and [SEP] (at least 2).");
        }

        if (WordCacheCapacity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(WordCacheCapacity), WordCacheCapacity, "WordCacheCapacity cannot be negative.");
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism is -1 (all cores) or a positive number of threads.");
        }
    }
}
