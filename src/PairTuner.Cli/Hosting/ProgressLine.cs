using System.Globalization;
using System.Text;
using PairTuner.Workflow.Orchestration;

namespace PairTuner.Cli.Hosting;

/// <summary>One line that says where a run is: stage, shards, epoch, step, loss, ETA.</summary>
public static class ProgressLine
{
    public static string Format(RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{progress.Stage,-10}");
        switch (progress.Stage)
        {
            case RunStage.Splitting:
                line.Append(CultureInfo.InvariantCulture, $" {progress.Pairs} pairs, shards {progress.ShardsDone}/{progress.Shards}");
                break;
            case RunStage.Training:
                line.Append(CultureInfo.InvariantCulture, $" {progress.TrainerStage?.ToString() ?? "starting"}");
                if (progress.TrainerAttempt > 1)
                {
                    line.Append(CultureInfo.InvariantCulture, $" (attempt {progress.TrainerAttempt})");
                }

                if (progress.Epochs > 0)
                {
                    line.Append(CultureInfo.InvariantCulture, $" · epoch {progress.Epoch}/{progress.Epochs}");
                }

                if (progress.TotalSteps > 0)
                {
                    line.Append(CultureInfo.InvariantCulture, $" · step {progress.Step}/{progress.TotalSteps}");
                }

                if (progress.Loss is { } loss)
                {
                    line.Append(CultureInfo.InvariantCulture, $" · loss {loss:0.0000}");
                }

                if (progress.EtaSeconds is { } eta && double.IsFinite(eta))
                {
                    line.Append(" · ETA ").Append(Duration(TimeSpan.FromSeconds(eta)));
                }

                break;
        }

        if (progress.Stage is RunStage.Failed or RunStage.Cancelled && progress.Message is { } message)
        {
            line.Append(' ').Append(message);
        }

        return line.ToString();
    }

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m{span.Seconds:00}s");
}
