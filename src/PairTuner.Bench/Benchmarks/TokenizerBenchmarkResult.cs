namespace PairTuner.Bench.Benchmarks;

/// <summary>One case of <see cref="TokenizerBenchmark"/>.</summary>
/// <param name="Case">What ran (tokenizer, threads, cache).</param>
/// <param name="Sentences">Texts tokenized.</param>
/// <param name="Tokens">Token ids produced, [CLS] and [SEP] included.</param>
/// <param name="Seconds">Wall-clock time.</param>
/// <param name="CpuSeconds">CPU time of the whole process (all threads) over the case.</param>
/// <param name="SentencesPerSecond">Throughput in texts.</param>
/// <param name="TokensPerSecond">Throughput in tokens.</param>
/// <param name="RatioToReference">Sentences per second relative to Microsoft.ML.Tokenizers' BertTokenizer on one thread in the same run.</param>
public sealed record TokenizerBenchmarkResult(
    string Case,
    int Sentences,
    long Tokens,
    double Seconds,
    double CpuSeconds,
    double SentencesPerSecond,
    double TokensPerSecond,
    double RatioToReference);
