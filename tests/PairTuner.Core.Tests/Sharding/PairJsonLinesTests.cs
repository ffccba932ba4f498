using System.Buffers;
using System.Text;
using PairTuner.Core.Pairs;
using PairTuner.Core.Serialization;
using PairTuner.Core.Sharding;
using PairTuner.Core.Storage;
using PairTuner.Core.Tests.TestSupport;

namespace PairTuner.Core.Tests.Sharding;

public class PairJsonLinesTests
{
    [Fact]
    public async Task Round_trips_pairs_with_unicode_quotes_and_line_breaks()
    {
        using var folder = new TempFolder();
        var store = new LocalArtifactStore(folder.Path);
        Pair[] pairs =
        [
            new("Café \"au lait\"", "コーヒー\nline two", 0.875, "tea", "285"),
            new("a", "b"),
            new("x\ty", "\\back\\slash", 1e-17),
        ];

        await PairJsonLines.WriteAsync(store, "runs/r/train/0.jsonl", pairs);
        var read = await PairJsonLines.ReadAllAsync(store, "runs/r/train/0.jsonl");
        Assert.Equal(pairs, read);
    }

    [Fact]
    public async Task Writes_one_object_per_line_without_absent_fields()
    {
        using var stream = new MemoryStream();
        using (var writer = new PairJsonLinesWriter(stream))
        {
            writer.Write(new Pair("é", "b", 0.5));
            writer.Write(new Pair("c", "d", Group: "g"));
        }

        Assert.Equal("{\"text1\":\"é\",\"text2\":\"b\",\"score\":0.5}\n{\"text1\":\"c\",\"text2\":\"d\",\"group\":\"g\"}\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void UTF8_texts_give_the_same_bytes_as_strings_for_every_character_class()
    {
        var printable = new string(Enumerable.Range(0x20, 0x5F).Select(c => (char)c).ToArray());
        var random = new Random(5);
        var texts = new List<string> { printable, "tab\there", "quote \" and \\ backslash", "del \u007F", "\u0001 control", "é, ü, コーヒー", "emoji \U0001F600", "line\u2028separator", "<b>&amp;'html'</b>", "plain words only" };
        var scores = new double?[] { null, 0.5, 1e-17, 0.1, 1.0 / 3, 0.8846477555404759, 0, 1 };
        foreach (var text1 in texts)
        {
            foreach (var text2 in texts.Take(4))
            {
                foreach (var score in scores.Append(random.NextDouble()))
                {
                    foreach (var (negative, group) in new[] { ((string?)null, (string?)null), ("a negative", "285"), (text1, "g é") })
                    {
                        var viaStrings = new ArrayBufferWriter<byte>();
                        using (var writer = new PairJsonLinesWriter(viaStrings))
                        {
                            writer.Write(new Pair(text1, text2, score, negative, group));
                        }

                        var viaBytes = new ArrayBufferWriter<byte>();
                        using (var writer = new PairJsonLinesWriter(viaBytes))
                        {
                            writer.Write(Encoding.UTF8.GetBytes(text1), Encoding.UTF8.GetBytes(text2), score, Encoding.UTF8.GetBytes(negative ?? string.Empty), Encoding.UTF8.GetBytes(group ?? string.Empty));
                        }

                        Assert.Equal(Encoding.UTF8.GetString(viaStrings.WrittenSpan), Encoding.UTF8.GetString(viaBytes.WrittenSpan));
                    }
                }
            }
        }
    }

    [Fact]
    public void Every_character_is_written_as_the_JSON_writer_writes_it()
    {
        // The UTF-8 path copies a text straight when it finds nothing the writer would escape:
        // checked against the writer itself for every BMP character and a few beyond it.
        var characters = Enumerable.Range(0, 0x10000).Where(c => c is < 0xD800 or > 0xDFFF)
            .Concat([0x10000, 0x1F600, 0x2F800, 0xE0001, 0x10FFFF]);
        foreach (var c in characters)
        {
            var text = "a" + char.ConvertFromUtf32(c) + "b";
            var viaWriter = new ArrayBufferWriter<byte>();
            using (var json = new System.Text.Json.Utf8JsonWriter(viaWriter, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("text1", text);
                json.WriteString("text2", "x");
                json.WriteEndObject();
            }

            var viaBytes = new ArrayBufferWriter<byte>();
            using (var writer = new PairJsonLinesWriter(viaBytes))
            {
                writer.Write(Encoding.UTF8.GetBytes(text), "x"u8, null, [], []);
            }

            var expected = Encoding.UTF8.GetString(viaWriter.WrittenSpan) + "\n";
            var actual = Encoding.UTF8.GetString(viaBytes.WrittenSpan);
            if (expected != actual)
            {
                Assert.Fail($"U+{c:X4}: expected {expected}, got {actual}");
            }

            Assert.Equal(expected.Contains(text, StringComparison.Ordinal), JsonTextEscaping.IsPlain(Encoding.UTF8.GetBytes(text)));
        }
    }

    [Fact]
    public async Task A_damaged_line_throws_with_its_place()
    {
        using var stream = new MemoryStream("{\"text1\":\"a\",\"text2\":\"b\"}\n{\"text1\":\"a\"}\n"u8.ToArray());
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in PairJsonLines.ReadAsync(stream, "runs/r/eval/0.jsonl"))
            {
            }
        });
        Assert.Contains("runs/r/eval/0.jsonl:2", error.Message, StringComparison.Ordinal);
    }
}
