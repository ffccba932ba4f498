using System.Globalization;
using PairTuner.Contracts.Jobs;
using PairTuner.Training.Trainer;

namespace PairTuner.Trainer;

/// <summary>
/// The training progress display: a live bar redrawn in place on a terminal
/// (<c>epoch 1/8 [#####-----] step 120/1440 loss 0.4123 lr 1.9e-05 35.2 pairs/s ETA 12:04</c>),
/// plain lines at most every few seconds when output goes to a file or a pipe.
/// </summary>
internal sealed class ConsoleTrainingProgress
{
    private readonly TextWriter _out;
    private readonly bool _live;
    private readonly TimeSpan _plainEvery;
    private DateTime _lastPlain = DateTime.MinValue;
    private int _lastWidth;

    public ConsoleTrainingProgress(TextWriter output, bool live, TimeSpan? plainEvery = null)
    {
        _out = output;
        _live = live;
        _plainEvery = plainEvery ?? TimeSpan.FromSeconds(10);
    }

    public static ConsoleTrainingProgress ForConsole() => new(Console.Out, live: !Console.IsOutputRedirected);

    public void Stage(TrainerStage stage)
    {
        EndLine();
        var text = stage switch
        {
            TrainerStage.Loading => "Reading pairs and loading the model...",
            TrainerStage.MiningNegatives => "Mining hard negatives with the base model...",
            TrainerStage.EvaluatingBase => "Evaluating the base model...",
            TrainerStage.Training => "Training...",
            TrainerStage.EvaluatingTuned => "Evaluating the tuned model...",
            TrainerStage.Saving => "Saving the model, eval.json and report.html...",
            TrainerStage.Completed => "Done.",
            TrainerStage.Failed => "Failed.",
            _ => stage.ToString(),
        };
        _out.WriteLine(text);
    }

    public void Step(TrainingProgress p)
    {
        var line = Format(p);
        if (_live)
        {
            var padded = line.PadRight(_lastWidth);
            _lastWidth = line.Length;
            _out.Write("\r" + padded);
            _out.Flush();
            return;
        }

        var now = DateTime.UtcNow;
        if (now - _lastPlain >= _plainEvery || p.Step == p.TotalSteps || p.Step == 1)
        {
            _lastPlain = now;
            _out.WriteLine(line);
        }
    }

    public static string Format(TrainingProgress p)
    {
        const int width = 20;
        var done = p.TotalSteps == 0 ? width : (int)(width * p.Step / p.TotalSteps);
        var bar = new string('#', done) + new string('-', width - done);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"epoch {p.Epoch}/{p.Epochs} [{bar}] step {p.Step}/{p.TotalSteps} loss {p.Loss:0.0000} lr {p.LearningRate:0.0e+00} {p.PairsPerSecond:0.0} pairs/s ETA {Eta(p.EtaSeconds)}");
    }

    private static string Eta(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes:00}:{t.Seconds:00}");
    }

    private void EndLine()
    {
        if (_live && _lastWidth > 0)
        {
            _out.WriteLine();
            _lastWidth = 0;
        }
    }
}
