using PairTuner.Workflow.Orchestration;

namespace PairTuner.Cli.Hosting;

/// <summary>
/// The live progress of <c>pairtuner run</c>: one line rewritten in place on a terminal; on a
/// pipe or log, a new line only when the stage changes or every 10 seconds, so logs stay readable.
/// </summary>
public sealed class ProgressDisplay(TextWriter writer)
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);
    private readonly bool _interactive = ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
    private RunStage? _stage;
    private DateTime _lastWritten;
    private int _width;

    public void Show(RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var line = ProgressLine.Format(progress);
        if (_interactive)
        {
            writer.Write('\r' + line.PadRight(_width));
            _width = line.Length;
            return;
        }

        var now = DateTime.UtcNow;
        if (progress.Stage != _stage || now - _lastWritten >= LogEvery)
        {
            writer.WriteLine(line);
            _stage = progress.Stage;
            _lastWritten = now;
        }
    }

    public void End()
    {
        if (_interactive && _width > 0)
        {
            writer.WriteLine();
        }
    }
}
