using System.CommandLine;
using System.Text.Json;
using PairTuner.Bench.Benchmarks;
using PairTuner.Cli.Commands.Input;

namespace PairTuner.Bench.Commands;

/// <summary>
/// <c>pairtuner-bench tokenize --sentences N</c>: tokenizer throughput on the stdin sentences (one
/// JSON string per line, repeated up to N), one JSON line per case with a ratio to
/// Microsoft.ML.Tokenizers' BertTokenizer measured in the same run.
/// </summary>
internal static class TokenizeBenchCommand
{
    public static Command Create()
    {
        var sentences = new Option<int>("--sentences")
        {
            Description = "Sentences to tokenize: the stdin sentences, repeated up to this many.",
            DefaultValueFactory = _ => 100_000,
        };
        var command = new Command("tokenize", "Tokenizer throughput on the stdin sentences (one JSON string per line), against Microsoft.ML.Tokenizers' BertTokenizer.")
        {
            sentences,
        };
        command.SetAction(parse => Run(parse.GetValue(sentences), Console.In, Console.Out, Console.Error));
        return command;
    }

    internal static int Run(int count, TextReader input, TextWriter output, TextWriter error)
    {
        var corpus = new List<string>();
        var lineNumber = 0;
        while (input.ReadLine() is { } raw)
        {
            lineNumber++;
            if (JsonStringLine.TryParse(raw, out var text, out var problem))
            {
                corpus.Add(text);
            }
            else
            {
                error.WriteLine($"pairtuner-bench tokenize: stdin line {lineNumber}: {problem}");
            }
        }

        if (corpus.Count == 0 || count < 1)
        {
            error.WriteLine("pairtuner-bench tokenize: needs a positive --sentences and at least one JSON string on stdin, e.g. jq -c .text1 samples/stsb-positives.jsonl | pairtuner-bench tokenize --sentences 100000");
            return 2;
        }

        var repeated = Enumerable.Range(0, count).Select(i => corpus[i % corpus.Count]).ToArray();
        foreach (var result in TokenizerBenchmark.Run(repeated))
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                bench = "tokenize",
                @case = result.Case,
                sentences = result.Sentences,
                distinct_sentences = Math.Min(corpus.Count, count),
                tokens = result.Tokens,
                seconds = Math.Round(result.Seconds, 3),
                cpu_seconds = Math.Round(result.CpuSeconds, 3),
                sentences_per_s = Math.Round(result.SentencesPerSecond),
                tokens_per_s = Math.Round(result.TokensPerSecond),
                ratio_to_mlnet_berttokenizer = Math.Round(result.RatioToReference, 2),
                cores = Environment.ProcessorCount,
            }));
        }

        return 0;
    }
}
