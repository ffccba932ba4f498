using System.Globalization;

namespace PairTuner.Bench.Hosting;

/// <summary>
/// Where one run's time from upload to trainer launch went, read off the host's timeline: the
/// watcher noticing the upload and starting the run, the Durable hops between activities, and
/// the activities themselves (the worker logs each activity's start and end). Seconds; a phase
/// whose events are missing is left out.
/// </summary>
public static class WorkflowPhases
{
    public static IReadOnlyDictionary<string, double> FromTimeline(IEnumerable<TimelineEntry> timeline, string runId)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var entries = timeline.OrderBy(e => e.Seconds).ToList();
        var upload = entries.LastOrDefault(e => IsMark(e, "upload "));
        if (upload is null)
        {
            return new Dictionary<string, double>();
        }

        var run = entries.Where(e => e.Seconds >= upload.Seconds).ToList();
        double? Mark(string what) => run.FirstOrDefault(e => IsMark(e, what))?.Seconds;
        double? First(string activity, string verb) => Activity(run, runId, activity, verb).Select(e => (double?)e.Seconds).FirstOrDefault();
        double? Last(string activity, string verb) => Activity(run, runId, activity, verb).Select(e => (double?)e.Seconds).LastOrDefault();

        var points = new (string Phase, double? From, double? To)[]
        {
            ("upload", upload.Seconds, Mark("uploaded")),
            ("watcher_and_start", Mark("uploaded"), Mark("watcher started")),
            ("to_ingest", Mark("watcher started"), First("Ingest", "started")),
            ("ingest", First("Ingest", "started"), Last("Ingest", "completed")),
            ("to_split", Last("Ingest", "completed"), First("ScoreAndSplit", "started")),
            ("split_all", First("ScoreAndSplit", "started"), Last("ScoreAndSplit", "completed")),
            ("to_start_training", Last("ScoreAndSplit", "completed"), First("StartTraining", "started")),
            ("start_training", First("StartTraining", "started"), Mark("trainer launched")),
        };
        var phases = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (phase, from, to) in points)
        {
            if (from is { } a && to is { } b && b >= a)
            {
                phases[phase] = Math.Round(b - a, 3, MidpointRounding.AwayFromZero);
            }
        }

        return phases;
    }

    private static bool IsMark(TimelineEntry entry, string prefix)
        => entry.Category == TimelineLoggerProvider.MarkCategory && entry.Event.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>The worker's "'Name' activity of orchestration ID 'run' started/completed." events.</summary>
    private static IEnumerable<TimelineEntry> Activity(List<TimelineEntry> entries, string runId, string activity, string verb)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"'{activity}' activity");
        return entries.Where(e =>
            e.Message.StartsWith(name, StringComparison.Ordinal)
            && e.Message.Contains(runId, StringComparison.Ordinal)
            && e.Message.EndsWith(verb + ".", StringComparison.Ordinal));
    }
}
