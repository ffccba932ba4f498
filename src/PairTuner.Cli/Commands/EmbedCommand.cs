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
        var flags = new EncoderOptionFlags();
        // Texts per forward pass: not the catalog's batchSize (pairs per training batch, whose other
        // pairs are the negatives, 2 or more); one text on its own embeds fine.
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Texts per forward pass.",
            DefaultValueFactory = _ => 32,
        };

        var command = new Command("embed", "Embeds one JSON string per stdin line; writes one JSON array of floats (the normalized embedding) per line.")
        {
            batchSize,
        };
        flags.AddTo(command);
        command.SetAction(parseResult =>
        {
            var size = parseResult.GetValue(batchSize);
            if (size < 1)
            {
                Console.Error.WriteLine($"pairtuner embed: --batch-size must be at least 1; got {size}.");
                return 2;
            }

            SentenceEncoder encoder;
            BertWordPieceTokenizer tokenizer;
            try
            {
                var (options, max) = flags.Bind(parseResult);
                var resolved = ModelResolver.Open(flags.Model(parseResult), options, max);
                (encoder, tokenizer) = (resolved.Encoder, resolved.Tokenizer);
            }
            catch (Exception e) when (e is NotSupportedException or TorchUnavailableException || ModelResolver.IsModelError(e))
            {
                Console.Error.WriteLine($"pairtuner embed: {e.Message}");
                return 1;
            }

            using (encoder)
            {
                return Run(encoder, tokenizer, size, Console.In, Console.Out, Console.Error);
            }
        });
        return command;
    }

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
