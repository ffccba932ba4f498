using System.Diagnostics;
using Microsoft.ML.Tokenizers;
using PairTuner.Training.Tokenization;
using PairTuner.Training.Weights;

namespace PairTuner.Bench.Benchmarks;

/// <summary>
/// Throughput of <see cref="BertWordPieceTokenizer"/> on a corpus, as ratios to Microsoft.ML.Tokenizers'
/// own <see cref="BertTokenizer"/> (one thread, same vocabulary) measured in the same run. Each case
/// runs on a fresh tokenizer, so its word cache starts cold as it does at the start of training.
/// </summary>
public static class TokenizerBenchmark
{
    /// <summary>Batch size of the training recipe: the trainer tokenizes one batch of 32 texts at a time.</summary>
    public const int TrainingBatchSize = 32;

    public static IReadOnlyList<TokenizerBenchmarkResult> Run(IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (sentences.Count == 0)
        {
            throw new ArgumentException("The benchmark needs at least one sentence.", nameof(sentences));
        }

        var results = new List<TokenizerBenchmarkResult>();

        // Reference: Microsoft.ML.Tokenizers' BertTokenizer, one sentence at a time on one thread.
        BertTokenizer reference;
        using (var vocab = BuiltinMiniLm.OpenVocab())
        {
            reference = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true });
        }

        var referenceCase = Measure("mlnet_berttokenizer_1_thread", sentences, () =>
        {
            long tokens = 0;
            foreach (var s in sentences)
            {
                tokens += reference.EncodeToIds(s, BertTokenizerOptions.DefaultMaxSequenceLength, addSpecialTokens: true, out _, out _).Count;
            }

            return tokens;
        });
        results.Add(referenceCase with { RatioToReference = 1 });

        void Add(string name, BertTokenizerOptions options, Func<BertWordPieceTokenizer, long> work)
        {
            var tokenizer = BertWordPieceTokenizer.Builtin(options);
            var result = Measure(name, sentences, () => work(tokenizer));
            results.Add(result with { RatioToReference = result.SentencesPerSecond / referenceCase.SentencesPerSecond });
        }

        Add("pairtuner_1_thread_no_cache", new() { WordCacheCapacity = 0, MaxDegreeOfParallelism = 1 }, t => OneByOne(t, sentences));
        Add("pairtuner_1_thread", new() { MaxDegreeOfParallelism = 1 }, t => OneByOne(t, sentences));
        Add("pairtuner_batches_of_32", new(), t => InBatches(t, sentences));
        Add("pairtuner_all_cores", new(), t => t.EncodeAll(sentences).Sum(r => (long)r.Length));
        return results;
    }

    private static long OneByOne(BertWordPieceTokenizer tokenizer, IReadOnlyList<string> sentences)
    {
        long tokens = 0;
        foreach (var s in sentences)
        {
            tokens += tokenizer.Encode(s).Length;
        }

        return tokens;
    }

    private static long InBatches(BertWordPieceTokenizer tokenizer, IReadOnlyList<string> sentences)
    {
        long tokens = 0;
        var batch = new List<string>(TrainingBatchSize);
        for (var i = 0; i < sentences.Count; i += TrainingBatchSize)
        {
            batch.Clear();
            for (var j = i; j < Math.Min(i + TrainingBatchSize, sentences.Count); j++)
            {
                batch.Add(sentences[j]);
            }

            tokens += tokenizer.EncodeBatch(batch).Lengths.Sum();
        }

        return tokens;
    }

    private static TokenizerBenchmarkResult Measure(string name, IReadOnlyList<string> sentences, Func<long> work)
    {
        // CPU time too: on a shared machine wall time includes waiting for a core.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var tokens = work();
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return new TokenizerBenchmarkResult(name, sentences.Count, tokens, seconds, cpuSeconds, sentences.Count / seconds, tokens / seconds, 0);
    }
}
