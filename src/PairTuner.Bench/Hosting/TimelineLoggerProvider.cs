using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace PairTuner.Bench.Hosting;

/// <summary>
/// Records every log event of the local host (the Azure Storage provider, the task hub server,
/// the worker) with the seconds since a common start, so <c>bench workflow --trace</c> can show
/// where the time between an upload and the trainer's start goes: queue polls, dispatch, activities.
/// </summary>
public sealed class TimelineLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<TimelineEntry> _entries = new();
    private readonly Stopwatch _clock;
    private readonly LogLevel _minimum;

    public TimelineLoggerProvider(Stopwatch clock, LogLevel minimum = LogLevel.Debug)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _minimum = minimum;
    }

    /// <summary>The category of <see cref="Mark"/>'s entries.</summary>
    public const string MarkCategory = "bench";

    public IReadOnlyCollection<TimelineEntry> Entries => _entries;

    /// <summary>Adds a mark of the caller's own (the benchmark's "uploaded", "trainer launched").</summary>
    public void Mark(string what) => _entries.Enqueue(new TimelineEntry(_clock.Elapsed.TotalSeconds, MarkCategory, what, string.Empty));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // Nothing to flush: the entries stay readable after the host is gone.
    }

    private sealed class Logger(TimelineLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            ArgumentNullException.ThrowIfNull(formatter);
            owner._entries.Enqueue(new TimelineEntry(owner._clock.Elapsed.TotalSeconds, category, eventId.Name ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), formatter(state, exception)));
        }
    }
}
