using System.CommandLine;
using System.Text;
using System.Text.Json;
using PairTuner.Cli.Commands.Input;
using PairTuner.Training.Tokenization;

namespace PairTuner.Cli.Commands;

/// <summary>
/// <c>pairtuner tokenize</c>: one JSON string per stdin line in, one JSON array of token ids per
/// line out. A bad line is reported on stderr with its number and skipped; the exit code is 1 when
/// any line was bad.
/// </summary>
internal static class TokenizeCommand
{
    // Tokens stay readable ("—", "中") on a terminal; this is not HTML.
    private static readonly JsonSerializerOptions TokenJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Lines are tokenized in chunks, so that long inputs use every core without holding all of stdin.
    private const int ChunkSize = 4096;

    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "builtin (all-MiniLM-L6-v2), a model folder, a tokenizer.json or a vocab.txt.",
            DefaultValueFactory = _ => TokenizerLoader.BuiltinModel,
        };
        var maxSeqLength = new Option<int>("--max-seq-length")
        {
            Description = "Most tokens per text, [CLS] and [SEP] included; longer texts are truncated.",
            DefaultValueFactory = _ => BertTokenizerOptions.DefaultMaxSequenceLength,
        };
        var tokens = new Option<bool>("--tokens")
        {
            Description = "Write the tokens (strings) instead of their ids.",
        };
        var exportVocab = new Option<string?>("--export-vocab")
        {
            Description = "Write the model's vocab.txt to this path and exit (the golden-test generator reads it).",
        };

        var command = new Command("tokenize", "Tokenizes one JSON string per stdin line; writes one JSON array of token ids per line.")
        {
            model, maxSeqLength, tokens, exportVocab,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(model)!,
            parseResult.GetValue(maxSeqLength),
            parseResult.GetValue(tokens),
            parseResult.GetValue(exportVocab),
            Console.In,
            Console.Out,
            Console.Error));
        return command;
    }

    internal static int Run(string model, int maxSeqLength, bool asTokens, string? exportVocab, TextReader input, TextWriter output, TextWriter error)
    {
        BertWordPieceTokenizer tokenizer;
        try
        {
            tokenizer = TokenizerLoader.Load(model, new BertTokenizerOptions { MaxSequenceLength = maxSeqLength });
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException or UnauthorizedAccessException)
        {
            error.WriteLine($"pairtuner tokenize: {e.Message}");
            return 2;
        }

        if (exportVocab is not null)
        {
            File.WriteAllBytes(exportVocab, TokenizerFiles.VocabText(tokenizer.Vocabulary));
            error.WriteLine($"pairtuner tokenize: wrote {tokenizer.Vocabulary.Count} tokens to {exportVocab}");
            return 0;
        }

        var line = new StringBuilder();
        return JsonStringChunks.Run("tokenize", "tokenized", ChunkSize, input, output, error, texts => Flush(tokenizer, texts, asTokens, output, line));
    }

    private static void Flush(BertWordPieceTokenizer tokenizer, List<string> texts, bool asTokens, TextWriter output, StringBuilder line)
    {
        foreach (var ids in tokenizer.EncodeAll(texts))
        {
            line.Clear();
            line.Append('[');
            for (var i = 0; i < ids.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                if (asTokens)
                {
                    line.Append(JsonSerializer.Serialize(tokenizer.Vocabulary.GetToken(ids[i]), TokenJson));
                }
                else
                {
                    line.Append(ids[i]);
                }
            }

            line.Append(']');
            output.WriteLine(line);
        }
    }
}
