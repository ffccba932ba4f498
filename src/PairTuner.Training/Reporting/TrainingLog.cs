using System.Text.Json;
using PairTuner.Core.Serialization;

namespace PairTuner.Training.Reporting;

/// <summary>
/// <c>training_log.jsonl</c>: one compact <see cref="TrainingLogEntry"/> per line, appended as the
/// trainer steps, so a crash loses at most the line being written and a resumed run appends on.
/// </summary>
public static class TrainingLog
{
    /// <summary>The line for one entry, without the newline.</summary>
    public static string Format(TrainingLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return JsonSerializer.Serialize(entry, PairTunerJson.Compact);
    }

    public static void Append(TextWriter writer, TrainingLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Format(entry));
        writer.Write('\n');
    }

    /// <summary>
    /// Reads every entry. A last line cut short by a crash is skipped; any other bad line is an
    /// error naming <paramref name="sourceName"/> and the line number.
    /// </summary>
    public static IReadOnlyList<TrainingLogEntry> Read(TextReader reader, string sourceName = "training_log.jsonl")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<TrainingLogEntry>();
        long lineNumber = 0;
        string? pendingError = null;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (pendingError is not null)
            {
                // A bad line followed by more lines is corruption, not a torn final write.
                throw new InvalidDataException(pendingError);
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var entry = JsonSerializer.Deserialize<TrainingLogEntry>(line, PairTunerJson.Options)
                            ?? throw new JsonException("the line is 'null'.");
                if (entry.Evaluation is null && (entry.Loss is null || entry.LearningRate is null))
                {
                    throw new JsonException("a step line needs loss and learningRate; an evaluation line needs evaluation.");
                }

                entries.Add(entry);
            }
            catch (JsonException e)
            {
                pendingError = $"{sourceName}:{lineNumber}: not a training log entry "
                               + $"(needs step, epoch, and loss with learningRate or evaluation): {e.Message}";
            }
        }

        return entries;
    }

    public static IReadOnlyList<TrainingLogEntry> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }
}
