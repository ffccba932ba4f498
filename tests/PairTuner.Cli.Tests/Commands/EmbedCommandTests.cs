using System.Text.Json;
using PairTuner.Cli.Commands;
using PairTuner.Contracts.Jobs;
using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;
using PairTuner.Training.Weights;
using TorchSharp;

namespace PairTuner.Cli.Tests.Commands;

public class EmbedCommandTests
{
    [Fact]
    public void Writes_one_normalized_embedding_per_good_line_in_order_and_names_bad_lines()
    {
        using var encoder = BuiltinEncoder.Load();
        var tokenizer = BertWordPieceTokenizer.Builtin();
        string[] texts = ["A man is playing a guitar.", "A woman slices a tomato.", "Someone plays an instrument."];
        var input = new StringReader(
            JsonSerializer.Serialize(texts[0]) + "\n{\"text\": \"not a string\"}\n" +
            JsonSerializer.Serialize(texts[1]) + "\n\n" + JsonSerializer.Serialize(texts[2]) + "\n");
        var output = new StringWriter();
        var error = new StringWriter();

        // Batch size 2 makes the good lines span two batches and the bad lines split the chunks.
        var code = EmbedCommand.Run(encoder, tokenizer, batchSize: 2, input, output, error);

        Assert.Equal(1, code);
        Assert.Contains("stdin line 2:", error.ToString());
        Assert.Contains("stdin line 4: empty line", error.ToString());
        Assert.Contains("2 of 5 lines were not embedded", error.ToString());
        var rows = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<float[]>(l)!).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.All(rows, r => Assert.Equal(384, r.Length));
        Assert.All(rows, r => Assert.InRange(Math.Sqrt(r.Sum(x => (double)x * x)), 0.9999, 1.0001));

        // Same vectors as embedding each text alone, in input order.
        encoder.eval();
        using var noGrad = torch.no_grad();
        for (var i = 0; i < texts.Length; i++)
        {
            using var alone = encoder.Embed(tokenizer.EncodeBatch([texts[i]]));
            var expected = alone.data<float>().ToArray();
            Assert.True(expected.Zip(rows[i]).Max(p => Math.Abs(p.First - p.Second)) < 1e-5, $"row {i} is not text {i}'s embedding");
        }

        // Related sentences are closer than unrelated ones: the model is the real one.
        static double Dot(float[] a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);
        Assert.True(Dot(rows[0], rows[2]) > Dot(rows[0], rows[1]) + 0.1);
    }

    [Theory]
    [InlineData("bf16", true)]
    [InlineData("FP32", true)]
    [InlineData("fp16", false)]
    public void Precision_flag_takes_the_catalog_names(string value, bool accepted)
    {
        var errors = EmbedCommand.Create().Parse(["--precision", value]).Errors;

        Assert.Equal(accepted, errors.Count == 0);
    }
}
