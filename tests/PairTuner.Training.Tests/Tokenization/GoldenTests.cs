using System.Text;
using PairTuner.Training.Tokenization;

namespace PairTuner.Training.Tests.Tokenization;

/// <summary>PairTuner's tokenizer against ids that Hugging Face's own tokenizers produced (golden/generate.mjs).</summary>
public sealed class GoldenTests
{
    [Fact]
    public void Every_golden_sentence_gets_the_reference_ids()
    {
        var tokenizer = BuiltinTokenizer.Instance;
        var failures = new StringBuilder();
        var golden = GoldenSentence.Load();
        foreach (var sentence in golden)
        {
            var ids = tokenizer.Encode(sentence.Text);
            if (!ids.SequenceEqual(sentence.Ids))
            {
                failures.AppendLine($"{sentence.Source} {Escape(sentence.Text)}")
                    .AppendLine($"  expected {string.Join(' ', tokenizer.ToTokens(sentence.Ids))}")
                    .AppendLine($"  actual   {string.Join(' ', tokenizer.ToTokens(ids))}");
            }
        }

        Assert.True(failures.Length == 0, $"Token ids differ from Hugging Face's:\n{failures}");
    }

    [Fact]
    public void Batches_give_the_reference_ids_padded()
    {
        var golden = GoldenSentence.Load();
        var batch = BuiltinTokenizer.Instance.EncodeBatch([.. golden.Select(g => g.Text)]);

        Assert.Equal(golden.Max(g => g.Ids.Length), batch.SequenceLength);
        for (var i = 0; i < golden.Count; i++)
        {
            var row = batch.Row(i);
            var mask = batch.MaskRow(i);
            var n = golden[i].Ids.Length;
            Assert.Equal(golden[i].Ids.Select(x => (long)x), row[..n].ToArray());
            Assert.All(row[n..].ToArray(), id => Assert.Equal(BuiltinTokenizer.Instance.PadId, id));
            Assert.Equal(n, mask.ToArray().Count(m => m == 1));
            Assert.All(mask[n..].ToArray(), m => Assert.Equal(0, m));
            Assert.Equal(n, batch.Lengths[i]);
        }
    }

    [Fact]
    public void Golden_file_covers_every_dataset_and_the_edge_cases()
    {
        var golden = GoldenSentence.Load();
        var sources = golden.Select(g => g.Source.Split('#')[0]).ToHashSet();

        Assert.True(golden.Count >= 400, $"only {golden.Count} golden sentences");
        foreach (var dataset in new[] { "stsb/train", "stsb/dev", "sick/train", "sick/trial", "sick/test", "mrpc/train", "mrpc/test", "coco_captions/train", "coco_captions/dev", "edge" })
        {
            Assert.Contains(dataset, sources);
        }

        // The file must exercise truncation, [UNK] and the long-word limit, or it proves less than it claims.
        Assert.Contains(golden, g => g.Ids.Length == BertTokenizerOptions.DefaultMaxSequenceLength);
        Assert.Contains(golden, g => g.Ids.Contains(BuiltinTokenizer.Instance.UnknownId));
        Assert.Contains(golden, g => g.Text.Contains('\t') && g.Ids.Length > 4);
    }

    private static string Escape(string text)
    {
        var shown = text.Length > 120 ? text[..120] + "..." : text;
        var escaped = new StringBuilder();
        foreach (var c in shown)
        {
            escaped.Append(char.IsControl(c) || char.IsSurrogate(c) || c > 0x7e ? $"\\u{(int)c:x4}" : c);
        }

        return escaped.ToString();
    }
}
