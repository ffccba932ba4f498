using PairTuner.Training.Reporting;

namespace PairTuner.Training.Trainer;

/// <summary>A finished run: the report (eval.json), the per-step log and where the model went.</summary>
public sealed record TrainingRunResult
{
    public required EvalReport Report { get; init; }
    public required IReadOnlyList<TrainingLogEntry> Log { get; init; }
    public required string ModelFolder { get; init; }
    public required TrainingResult Training { get; init; }

    /// <summary>report.html's text.</summary>
    public string RenderHtml()
    {
        using var writer = new StringWriter();
        ReportHtmlWriter.Write(Report, Log, writer);
        return writer.ToString();
    }
}
