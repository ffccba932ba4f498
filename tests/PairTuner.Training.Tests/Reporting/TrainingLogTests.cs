using PairTuner.Training.Reporting;

namespace PairTuner.Training.Tests.Reporting;

public sealed class TrainingLogTests
{
    [Fact]
    public void Entries_round_trip_one_compact_line_each()
    {
        var entries = ReportSamples.Log();
        using var writer = new StringWriter();
        foreach (var entry in entries)
        {
            TrainingLog.Append(writer, entry);
        }

        var text = writer.ToString();
        Assert.Equal(entries.Count, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("{\"step\":1,\"epoch\":0,\"loss\":", text);
        Assert.Contains("\"learningRate\":", text);
        Assert.Contains("\"pairsPerSecond\":", text);

        var back = TrainingLog.Read(new StringReader(text));
        Assert.Equal(entries, back);
    }

    [Fact]
    public void A_torn_last_line_from_a_crash_is_skipped()
    {
        var line = TrainingLog.Format(ReportSamples.Log()[0]);

        var back = TrainingLog.Read(new StringReader(line + "\n" + line[..10]));

        Assert.Single(back);
    }

    [Fact]
    public void A_bad_line_in_the_middle_names_the_file_and_line()
    {
        var line = TrainingLog.Format(ReportSamples.Log()[0]);

        var error = Assert.Throws<InvalidDataException>(
            () => TrainingLog.Read(new StringReader($"{line}\n{{\"step\":2}}\n{line}\n"), "runs/r1/training_log.jsonl"));

        Assert.StartsWith("runs/r1/training_log.jsonl:2:", error.Message);
    }
}
