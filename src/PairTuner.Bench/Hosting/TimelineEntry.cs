namespace PairTuner.Bench.Hosting;

/// <summary>One log event of the local host: seconds since the timeline's start, who logged it, which event, the message.</summary>
public sealed record TimelineEntry(double Seconds, string Category, string Event, string Message);
