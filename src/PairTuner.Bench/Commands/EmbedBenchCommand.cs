using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using PairTuner.Bench.Onnx;
using PairTuner.Contracts.Jobs;
using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;
using PairTuner.Training.Weights;
using TorchSharp;

namespace PairTuner.Bench.Commands;

/// <summary>
/// <c>pairtuner-bench embed</c>: the same batch of 32 texts, cut to exactly 32, 64 and 128 word
/// pieces, embedded by ONNX Runtime fp32 (the reference) and by PairTuner fp32 and bf16 with the same
/// number of threads, warm-up first, then timed. One JSON line per case with sentences/s and
/// <c>ratio_to_onnxruntime</c>. <c>--check</c> also compares embeddings with ONNX Runtime on every
/// sentence of a JSONL file (STS-B dev by default).
/// </summary>
internal static class EmbedBenchCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var sentences = new Option<string?>("--sentences")
        {
            Description = "JSONL file whose text1/text2 fields (or JSON-string lines) feed the benchmark; default the repository's bundled sample, samples/stsb-positives.jsonl.",
        };
        var seqLengths = new Option<int[]>("--seq")
        {
            Description = "Sequence lengths to time.",
            DefaultValueFactory = _ => [32, 64, 128],
            AllowMultipleArgumentsPerToken = true,
        };
        var batchSize = new Option<int>("--batch-size") { Description = "Texts per forward pass.", DefaultValueFactory = _ => 32 };
        var seconds = new Option<double>("--seconds") { Description = "Timed seconds per case (after warm-up).", DefaultValueFactory = _ => 3.0 };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads for both TorchSharp and ONNX Runtime (default: torch's, i.e. the cores)." };
        var check = new Option<bool>("--check") { Description = "Also compare every sentence's embedding with ONNX Runtime (fp32 max abs difference, bf16 min cosine)." };

        var command = new Command("embed", "Benchmarks embedding: PairTuner fp32 and bf16 against ONNX Runtime fp32, batch 32 at seq 32, 64, 128.")
        {
            sentences, seqLengths, batchSize, seconds, threads, check,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(sentences),
            parseResult.GetValue(seqLengths)!,
            parseResult.GetValue(batchSize),
            parseResult.GetValue(seconds),
            parseResult.GetValue(threads),
            parseResult.GetValue(check),
            Console.Out,
            Console.Error));
        return command;
    }

    internal static int Run(string? sentencesPath, int[] seqLengths, int batchSize, double seconds, int threads, bool check, TextWriter output, TextWriter error)
    {
        string path;
        try
        {
            path = sentencesPath ?? DefaultSentences();
        }
        catch (FileNotFoundException e)
        {
            error.WriteLine($"pairtuner-bench embed: {e.Message}");
            return 2;
        }

        if (threads > 0) torch.set_num_threads(threads);
        threads = torch.get_num_threads();
        var texts = ReadTexts(path);
        using var encoder = BuiltinEncoder.Load();
        encoder.eval();
        byte[] onnx;
        using (var stream = BuiltinMiniLm.OpenOnnx())
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            onnx = copy.ToArray();
        }

        using var onnxRuntime = OnnxRuntimeEncoder.Create(onnx, threads);
        using var noGrad = torch.no_grad();
        foreach (var seq in seqLengths)
        {
            var batch = FullLengthBatch(texts, batchSize, seq);
            var reference = Time(() => onnxRuntime.TokenEmbeddings(batch), seconds);
            Write(output, "onnxruntime-fp32", seq, batch.Count, threads, reference, reference);
            foreach (var precision in new[] { Precision.Fp32, Precision.Bf16 })
            {
                encoder.Precision = precision;
                var rate = Time(() => encoder.Embed(batch).Dispose(), seconds);
                Write(output, precision == Precision.Fp32 ? "pairtuner-fp32" : "pairtuner-bf16", seq, batch.Count, threads, rate, reference);
            }
        }

        if (!check) return 0;
        var tokenizer = BertWordPieceTokenizer.Builtin();
        var failed = false;
        foreach (var precision in new[] { Precision.Fp32, Precision.Bf16 })
        {
            encoder.Precision = precision;
            var agreement = OnnxAgreement.Measure(encoder, onnxRuntime, tokenizer, texts, batchSize);
            var pass = precision == Precision.Fp32 ? agreement.MaxAbsDifference <= 1e-5 : agreement.MinCosine >= 0.999;
            failed |= !pass;
            output.WriteLine(JsonSerializer.Serialize(new
            {
                bench = "embed-check",
                @case = precision == Precision.Fp32 ? "pairtuner-fp32" : "pairtuner-bf16",
                texts = agreement.Texts,
                max_abs_difference = agreement.MaxAbsDifference,
                min_cosine = agreement.MinCosine,
                threshold = precision == Precision.Fp32 ? "max_abs_difference <= 1e-5" : "min_cosine >= 0.999",
                pass,
            }, Json));
        }

        return failed ? 1 : 0;
    }

    /// <summary>Batch rows of exactly <paramref name="seq"/> word pieces: consecutive texts joined until long enough, then truncated.</summary>
    internal static TokenizedBatch FullLengthBatch(IReadOnlyList<string> texts, int batchSize, int seq)
    {
        var tokenizer = BertWordPieceTokenizer.Builtin(new BertTokenizerOptions { MaxSequenceLength = seq });
        var rows = new List<int[]>(batchSize);
        var next = 0;
        for (var row = 0; row < batchSize; row++)
        {
            var text = "";
            int[] ids;
            do
            {
                text = text.Length == 0 ? texts[next % texts.Count] : text + " " + texts[next % texts.Count];
                next++;
                ids = tokenizer.Encode(text);
            }
            while (ids.Length < seq);
            rows.Add(ids);
        }

        return tokenizer.Pad(rows);
    }

    private static double Time(Action pass, double seconds)
    {
        for (var i = 0; i < 3; i++) pass(); // warm-up: kernel selection, allocator, ORT arenas
        var clock = Stopwatch.StartNew();
        var passes = 0;
        do
        {
            pass();
            passes++;
        }
        while (clock.Elapsed.TotalSeconds < seconds || passes < 3);
        return passes / clock.Elapsed.TotalSeconds;
    }

    private static void Write(TextWriter output, string name, int seq, int batch, int threads, double passesPerSecond, double referencePassesPerSecond)
        => output.WriteLine(JsonSerializer.Serialize(new
        {
            bench = "embed",
            @case = name,
            seq,
            batch,
            threads,
            sentences_per_s = Math.Round(passesPerSecond * batch, 1),
            ratio_to_onnxruntime = Math.Round(passesPerSecond / referencePassesPerSecond, 3),
        }, Json));

    private static List<string> ReadTexts(string path)
    {
        var texts = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind == JsonValueKind.String)
            {
                if (seen.Add(doc.RootElement.GetString()!)) texts.Add(doc.RootElement.GetString()!);
                continue;
            }

            foreach (var key in new[] { "text1", "text2" })
            {
                if (doc.RootElement.TryGetProperty(key, out var value) && value.GetString() is { } text && seen.Add(text)) texts.Add(text);
            }
        }

        return texts.Count > 0 ? texts : throw new InvalidDataException($"{path}: no text1/text2 fields or JSON strings in {number} lines.");
    }

    private static string DefaultSentences()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "stsb-positives.jsonl");
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")) && File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException("No samples/stsb-positives.jsonl in a repository above the current folder; pass --sentences FILE.jsonl.");
    }
}
