using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PairTuner.Bench.Hosting;
using PairTuner.Cli.Hosting;
using PairTuner.Cli.Tests.Hosting;

namespace PairTuner.Bench.Tests.Hosting;

public class WorkflowPhasesTests
{
    private const string Run = "bench-abc-p-123";

    private static TimelineEntry Mark(double at, string what) => new(at, TimelineLoggerProvider.MarkCategory, what, string.Empty);

    private static TimelineEntry Activity(double at, string name, string verb, string run = Run)
        => new(at, "Microsoft.DurableTask.Worker.Activities", "Activity" + verb, $"'{name}' activity of orchestration ID '{run}' {verb.ToLowerInvariant()}.");

    [Fact]
    public void Splits_upload_to_launch_into_watcher_hops_and_activities_of_the_measured_run_only()
    {
        TimelineEntry[] timeline =
        [
            // A warm-up run before the measured upload, and another run's activity during it: both ignored.
            Mark(0.0, "upload bench/x/warmup.jsonl"),
            Activity(0.5, "Ingest", "Started", "bench-warm-p-1"),
            Mark(10.0, "upload bench/x/pairs.jsonl"),
            Mark(10.1, "uploaded"),
            Mark(10.9, "watcher started run bench-abc-p-123 (Started)"),
            Activity(11.0, "Ingest", "Started"),
            Activity(11.1, "Ingest", "Started", "bench-other-p-9"),
            Activity(12.0, "Ingest", "Completed"),
            Activity(12.2, "ScoreAndSplit", "Started"),
            Activity(12.3, "ScoreAndSplit", "Started"),
            Activity(13.0, "ScoreAndSplit", "Completed"),
            Activity(13.5, "ScoreAndSplit", "Completed"),
            Activity(13.6, "StartTraining", "Started"),
            Mark(13.65, "trainer launched"),
        ];

        var phases = WorkflowPhases.FromTimeline(timeline.Reverse(), Run);

        Assert.Equal(0.1, phases["upload"], 6);
        Assert.Equal(0.8, phases["watcher_and_start"], 6);
        Assert.Equal(0.1, phases["to_ingest"], 6);
        Assert.Equal(1.0, phases["ingest"], 6);
        Assert.Equal(0.2, phases["to_split"], 6);
        Assert.Equal(1.3, phases["split_all"], 6);
        Assert.Equal(0.1, phases["to_start_training"], 6);
        Assert.Equal(0.05, phases["start_training"], 6);
    }

    [Fact]
    public void Phases_whose_events_are_missing_are_left_out()
    {
        var phases = WorkflowPhases.FromTimeline([Mark(1, "upload a"), Mark(2, "uploaded")], Run);

        Assert.Equal(["upload"], phases.Keys);
        Assert.Empty(WorkflowPhases.FromTimeline([], Run));
    }

    [Fact]
    public void The_logger_records_events_and_marks_in_order_with_their_category()
    {
        using var provider = new TimelineLoggerProvider(Stopwatch.StartNew(), LogLevel.Information);
        var logger = provider.CreateLogger("DurableTask.AzureStorage");

        logger.Log(LogLevel.Debug, default, "below the level", null, (state, _) => state);
        provider.Mark("upload a");
        logger.Log(LogLevel.Information, new EventId(1, "ReceivedMessage"), "TaskScheduled#0", null, (state, _) => "Fetched " + state);

        var entries = provider.Entries.ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal((TimelineLoggerProvider.MarkCategory, "upload a"), (entries[0].Category, entries[0].Event));
        Assert.Equal(("DurableTask.AzureStorage", "ReceivedMessage", "Fetched TaskScheduled#0"), (entries[1].Category, entries[1].Event, entries[1].Message));
        Assert.True(entries[1].Seconds >= entries[0].Seconds);
    }
}
