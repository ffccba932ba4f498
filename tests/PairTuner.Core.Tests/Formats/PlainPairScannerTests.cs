using System.Text;
using PairTuner.Core.Formats;
using PairTuner.Core.Serialization;
using PairTuner.Core.Tests.TestSupport;

namespace PairTuner.Core.Tests.Formats;

/// <summary>
/// The scanner against the JSON reader it stands in for: on every row it reads, it must find
/// exactly the reader's fields; on every row the reader rejects, it must step aside so the
/// reader's error is the one reported.
/// </summary>
public class PlainPairScannerTests
{
    private static readonly string[] DatasetFiles =
    [
        "stsb/train.jsonl", "stsb/dev.jsonl", "sick/train.jsonl", "sick/trial.jsonl",
        "mrpc/train.jsonl", "mrpc/test.jsonl", "coco_captions/train.jsonl", "coco_captions/dev.jsonl",
    ];

    // Every kind of record the reader treats specially, good and bad.
    private static readonly string[] Unusual =
    [
        "{\"text1\":\"a\\nb\",\"text2\":\"c\\\"d\\\\e\"}", "{\"text1\":\"caf\\u00e9 \\ud83d\\ude00\",\"text2\":\"plain\"}",
        "{\"text1\":\"emoji 😀 raw\",\"text2\":\"zwsp \u200b and \u2028 ls\"}", "{\"text1\":\"ctl \\u0001 x\",\"text2\":\"tab\\there\"}",
        "{\"text1\":\"\u00a0 nbsp \u3000\",\"text2\":\"  spaces  \"}", "{\"anchor\":\"A\",\"positive\":\"B\",\"negative\":\"C\"}",
        "[\"x1\",\"y1\"]", "[\"x2\",\"y2\",0.25]", "[\"x3\",\"y3\",\"neg3\"]", "[\"x4\",\"y4\",0.5,\"neg4\"]", "[\"x\",\"y\",\"n\",0.5]",
        "[\"x\",\"y\",null]", "[\"x\",\"y\",null,null]", "[\"x\",\"y\",1,2]", "[\"x\",\"y\",\"n\",\"m\"]", "[\"x\",\"y\",1,\"n\",3]",
        "[\"x\",\"y\",true]", "[\"x\",\"y\",[1]]", "[\"x\"]", "[]", "[\"x\",1]", "[1,\"y\"]", "[\"x\",\"y\",]", "[\"x\" \"y\"]",
        "{\"text1\":\"g1\",\"text2\":\"h1\",\"group\":17}", "{\"text1\":\"g2\",\"text2\":\"h2\",\"group\":\"img-9\"}",
        "{\"text1\":\"g3\",\"text2\":\"h3\",\"image_id\":12}", "{\"text1\":\"g\",\"text2\":\"h\",\"group\":null}",
        "{\"text1\":\"g\",\"text2\":\"h\",\"group\":1,\"image_id\":2}", "{\"text1\":\"g\",\"text2\":\"h\",\"group\":true}",
        "{\"text1\":\"g\",\"text2\":\"h\",\"group\":1e999}", "{\"text1\":\"g\",\"text2\":\"h\",\"group\":\"  \"}",
        "{\"text1\":\"n\",\"text2\":\"m\",\"score\":1e-3}", "{\"text1\":\"n\",\"text2\":\"m\",\"score\":-0}",
        "{\"text1\":\"n\",\"text2\":\"m\",\"score\":0.50}", "{\"text1\":\"n\",\"text2\":\"m\",\"score\":1E0}",
        "{\"text1\":\"n\",\"text2\":\"m\",\"score\":1e400}", "{\"text1\":\"n\",\"text2\":\"m\",\"score\":\"0.5\"}",
        "{\"text1\":\"n\",\"text2\":\"m\",\"score\":null}", "{\"text1\":\"n\",\"text2\":\"m\",\"score\":0.5,\"score\":null}",
        "{\"text1\":\"n\",\"text2\":\"m\",\"score\":01}", "{\"text1\":\"n\",\"text2\":\"m\",\"score\":1.}", "{\"text1\":\"n\",\"text2\":\"m\",\"score\":.5}",
        "{\"text1\":\"n\",\"text2\":\"m\",\"score\":+1}", "{\"text1\":\"n\",\"text2\":\"m\",\"score\":1e}", "{\"text1\":\"n\",\"text2\":\"m\",\"score\":-}",
        "{\"text1\":\"n\",\"text2\":\"m\",\"score\":NaN}", "{\"text1\":\"n\",\"text2\":\"m\",\"score\":Infinity}", "{\"text1\":\"n\",\"text2\":\"m\",\"score\":0.1x}",
        "{\"text1\":\"n\",\"text2\":\"m\",\"score\":[1]}", "{\"text1\":\"n\",\"text2\":\"m\",\"score\":1,\"label\":0}",
        "{\"text1\":\"n\",\"text2\":\"m\",\"label\":1}", "{\"text1\":\"n\",\"text2\":\"m\",\"label\":true}", "{\"text1\":\"n\",\"text2\":\"m\",\"label\":false}",
        "{\"text1\":\"n\",\"text2\":\"m\",\"label\":\"entailment\"}", "{\"text1\":\"n\",\"text2\":\"m\",\"label\":null}", "{\"text1\":\"n\",\"text2\":\"m\",\"label\":{}}",
        "{\"text1\":\"n\",\"text2\":\"m\",\"negative\":null}", "{\"text1\":\"n\",\"text2\":\"m\",\"negative\":\"a\",\"negative\":\"b\"}",
        "{\"text1\":\"n\",\"text2\":\"m\",\"negative\":\"a\",\"negative\":null}", "{\"text1\":\"n\",\"text2\":\"m\",\"negative\":3}",
        "  { \"text1\" : \"ws1\" , \"text2\" : \"ws2\" }  ", "\t{\"text1\":\"tabbed\",\"text2\":\"line\"}\r", "{\"text1\":\"bad\"",
        "{\"text1\":\"x\",\"text2\":\"y\"} extra", "{\"text1\":\"x\",\"text2\":\"y\"}{}", "{\"text1\":\"x\",\"text2\":\"y\"},", "\"str\"", "42", "null", "", "   ",
        "{}", "{\"text1\":\"\",\"text2\":\"y\"}", "{\"text1\":\"   \",\"text2\":\"y\"}", "{\"text1\":\"x\"}", "{\"text2\":\"y\"}", "{\"text1\":1,\"text2\":\"y\"}",
        "{\"text1\":\"x\",\"text2\":null}", "{\"text1\":\"x\",\"text1\":\"y\",\"text2\":\"z\"}", "{\"text1\":\"x\",\"anchor\":\"y\",\"text2\":\"z\"}",
        "{\"text1\":\"same\",\"text2\":\" same \"}", "{\"text1\":\"lone \\ud800\",\"text2\":\"y\"}", "{\"te\\u0078t1\":\"esc key\",\"text2\":\"y\"}",
        "{\"text1\":\"TEXT1 case\",\"TEXT2\":\"y\"}", "{\"Text1\":\"a\",\"Text2\":\"b\"}", "{\"sentence1\":\"s1\",\"sentence2\":\"s2\"}",
        "{\"query\":\"q\",\"passage\":\"p\"}", "{\"text1\":\"x\",\"text2\":\"y\",\"extra\":{\"nested\":[1,2,{\"a\":null}]}}",
        "{\"text1\":\"del \u007f char\",\"text2\":\"y\"}", "{\"text1\":\"x\\/slash\",\"text2\":\"y\"}", "{\"text1\":\"trail\",\"text2\":\"y\",}",
        "{'text1':'single'}", "{\"text1\":\"x\",\"text2\":\"y\",\"flag\":true,\"other\":false,\"none\":null,\"n\":-1.5e3,\"s\":\"é\"}",
        "{\"text1\":\"x\",\"text2\":\"y\",\"flag\":tru}", "{\"text1\":\"x\",\"text2\":\"y\",\"flag\":nullx}", "{\"text1\":\"x\",\"text2\":\"y\" /* c */}",
        "{\"text1\":\"x\",\"text2\":\"y\"\"score\":1}", "{\"text1\" \"x\",\"text2\":\"y\"}", "{\"text1\":\"x\",,\"text2\":\"y\"}", "{\"clé\":\"v\",\"text1\":\"x\",\"text2\":\"y\"}",
        "{\"text1\":\"a\tb\",\"text2\":\"y\"}", "\uFEFF{\"text1\":\"bom\",\"text2\":\"y\"}",
    ];

    [Fact]
    public void Finds_the_readers_fields_on_every_real_row_and_reads_nearly_all_of_them()
    {
        var rows = 0;
        var scanned = 0;
        foreach (var file in DatasetFiles)
        {
            foreach (var line in File.ReadLines(TestData.Dataset(file)))
            {
                rows++;
                scanned += Compare(Encoding.UTF8.GetBytes(line)) ? 1 : 0;
            }
        }

        Assert.True(rows > 4_000, $"only {rows} rows");
        // The rest hold escapes (quotes in STS-B and MRPC texts), which the reader unescapes.
        Assert.True(scanned > rows * 0.9, $"the scanner read only {scanned} of {rows} real rows");
    }

    [Fact]
    public void Steps_aside_on_every_unusual_or_bad_row()
    {
        var bytes = Unusual.Select(Encoding.UTF8.GetBytes)
            .Append([.. "{\"text1\":\"inv "u8, 0xFF, .. " utf8\",\"text2\":\"y\"}"u8])
            .Append([.. "{\"te"u8, 0xFF, .. "t1\":\"x\",\"text2\":\"y\"}"u8])
            .Append([.. "{\"text1\":\""u8, 0xC3, 0x28, .. "\",\"text2\":\"y\"}"u8])
            .Append([.. "{\"text1\":\"x\",\"text2\":\"y\",\"s\":\""u8, 0xE2, 0x82, .. "\"}"u8]);
        var scanned = bytes.Count(Compare);

        // The plain ones among them are read by the scanner, not all left to the reader.
        Assert.InRange(scanned, 20, Unusual.Length - 40);
    }

    [Fact]
    public void Agrees_with_the_reader_on_mutated_real_rows()
    {
        var random = new Random(2026);
        var lines = DatasetFiles.SelectMany(f => TestData.Lines(f, 300)).Select(Encoding.UTF8.GetBytes).ToArray();
        byte[] alphabet = [.. "\"\\{}[],:. \t0123456789eE+-ntrufalsx"u8, 0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF];
        var scanned = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var line = lines[random.Next(lines.Length)].ToList();
            for (var edits = 1 + random.Next(3); edits > 0 && line.Count > 0; edits--)
            {
                var at = random.Next(line.Count);
                switch (random.Next(3))
                {
                    case 0:
                        line.RemoveAt(at);
                        break;
                    case 1:
                        line.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                    default:
                        line[at] = alphabet[random.Next(alphabet.Length)];
                        break;
                }
            }

            scanned += Compare([.. line]) ? 1 : 0;
        }

        // Many mutations land inside a text and leave the row plain: both kinds are exercised.
        Assert.InRange(scanned, 2_000, 18_000);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.1")]
    [InlineData("0.30000000000000004")]
    [InlineData("4.999999999999999999999")]
    [InlineData("1e-7")]
    [InlineData("2.5E+2")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("4.9e-324")]
    [InlineData("1e-400")]
    [InlineData("0.000000000000000000000000000000000000000000000001")]
    public void Reads_numbers_as_the_reader_does(string number)
    {
        Assert.True(Compare(Encoding.UTF8.GetBytes($"{{\"text1\":\"a\",\"text2\":\"b\",\"score\":{number}}}")));
        Assert.True(Compare(Encoding.UTF8.GetBytes($"[\"a\",\"b\",{number}]")));
        Assert.True(Compare(Encoding.UTF8.GetBytes($"{{\"text1\":\"a\",\"text2\":\"b\",\"image_id\":{number}}}")));
    }

    [Theory]
    [InlineData("plain ascii <b> & 'quotes' + `ticks`", "café naïve 東京", true)]
    [InlineData("control \u007f", "b", false)]
    [InlineData("a", "emoji 😀 beyond the BMP", false)]
    [InlineData("line\u2028separator", "b", false)]
    public void Tells_whether_the_writer_copies_the_texts_as_they_are(string text1, string text2, bool plain)
    {
        var json = Encoding.UTF8.GetBytes($"{{\"text1\":\"{System.Text.RegularExpressions.Regex.Unescape(text1)}\",\"text2\":\"{text2}\"}}");
        Assert.True(Compare(json));
        Assert.True(PlainPairScanner.TryScan(json, 1, out var fields));
        Assert.Equal(plain, fields.TextsPlain);
    }

    /// <summary>Parses with and without the scanner and asserts the same outcome; true when the scanner read the row.</summary>
    private static bool Compare(byte[] json)
    {
        var scratchA = new byte[Math.Max(json.Length, 16)];
        var scratchB = new byte[Math.Max(json.Length, 16)];
        var viaReader = JsonPairParser.ParseWithReader(json, "f.jsonl", 9, scratchA, out var expected);
        var viaParse = JsonPairParser.Parse(json, "f.jsonl", 9, scratchB, out var actual);
        var text = Encoding.UTF8.GetString(json);
        Assert.True(viaReader == viaParse, $"{text}: reader says {viaReader}, parse says {viaParse}");
        if (viaReader is null)
        {
            Assert.True(Same(expected, actual), $"{text}: the fields differ");
        }

        var scanned = PlainPairScanner.TryScan(json, 9, out var fields);
        if (scanned)
        {
            Assert.True(viaReader is null, $"{text}: the scanner read a row the reader rejects ({viaReader})");
            Assert.True(Same(expected, fields), $"{text}: the scanner's fields differ from the reader's");
            Assert.True(
                fields.TextsPlain == (JsonTextEscaping.IsPlain(fields.Text1) && JsonTextEscaping.IsPlain(fields.Text2)),
                $"{text}: the scanner says the texts are {(fields.TextsPlain ? string.Empty : "not ")}plain");
        }

        return scanned;
    }

    private static bool Same(in PairFields a, in PairFields b)
        => a.Line == b.Line
            && a.HasText1 == b.HasText1 && a.Text1.SequenceEqual(b.Text1)
            && a.HasText2 == b.HasText2 && a.Text2.SequenceEqual(b.Text2)
            && Nullable.Equals(a.Score, b.Score) && BitConverter.DoubleToInt64Bits(a.Score ?? 0) == BitConverter.DoubleToInt64Bits(b.Score ?? 0)
            && a.Negative.SequenceEqual(b.Negative)
            && a.Group.SequenceEqual(b.Group)
            && a.HasTextLabel == b.HasTextLabel;
}
