using System.Text.Json;
using PairTuner.Contracts.Jobs;
using PairTuner.Contracts.Verdicts;
using PairTuner.Core.Serialization;
using PairTuner.Training.Evaluation;
using PairTuner.Training.Mining;

namespace PairTuner.Training.Reporting;

/// <summary>
/// <c>eval.json</c>: the verdict first, then the base model's and the published model's metrics on
/// the whole eval split, keyed by sentence-transformers' metric names, their difference (tuned -
/// base), every evaluation during training and which one was kept, and everything needed to
/// reproduce and trust the numbers: recipe, settings, data counts, seed, versions, label source, timing.
/// </summary>
public sealed record EvalReport
{
    public string? RunId { get; init; }

    /// <summary>Improved, no measurable change, or worse than base (base kept); null in reports older than verdicts.</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>The recipe the settings started from (<c>default</c> or <c>seed</c>).</summary>
    public Recipe Recipe => Settings.Recipe;

    /// <summary>The metric the kept evaluation was chosen by.</summary>
    public string SelectionMetric => Settings.SelectionMetric;

    /// <summary>The step whose weights were published (0: the base model).</summary>
    public long KeptStep { get; init; }

    /// <summary>Every evaluation of the run, in order: before training (step 0), after each epoch, every evalSteps.</summary>
    public IReadOnlyList<TrainingEvaluation> Evaluations { get; init; } = [];

    /// <summary>The trained weights' metrics on the whole split when the base model was kept (what the verdict measured).</summary>
    public IReadOnlyDictionary<string, double>? Candidate { get; init; }

    /// <summary>Eval queries whose positive rose most and fell most in rank.</summary>
    public RankChanges? Examples { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The model that was fine-tuned (<c>builtin</c> is all-MiniLM-L6-v2).</summary>
    public required string BaseModel { get; init; }

    public required IReadOnlyDictionary<string, double> Base { get; init; }

    public required IReadOnlyDictionary<string, double> Tuned { get; init; }

    /// <summary>Tuned minus base, for every metric both have. Positive is better for every metric here.</summary>
    public required IReadOnlyDictionary<string, double> Difference { get; init; }

    public required TrainingOptions Settings { get; init; }

    public required DataCounts Data { get; init; }

    public int Seed { get; init; }

    public required VersionInfo Versions { get; init; }

    /// <summary>Where the eval labels came from.</summary>
    public LabelSource Labels { get; init; }

    /// <summary>True when the labels came from the formula: the correlations then measure nothing.</summary>
    public bool LabelsSynthetic => Labels == LabelSource.Synthetic;

    public EvalTiming Timing { get; init; } = new();

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>What hard-negative mining did (null when the run did not mine).</summary>
    public MiningSummary? Mining { get; init; }

    /// <summary>
    /// Builds the report from the two evaluations of one eval split; <see cref="Difference"/> is
    /// computed here so it always agrees with <see cref="Base"/> and <see cref="Tuned"/>.
    /// </summary>
    public static EvalReport Create(
        EvaluationResult baseResult,
        EvaluationResult tunedResult,
        TrainingOptions settings,
        int trainPairs,
        double trainingSeconds = 0,
        string? runId = null,
        VersionInfo? versions = null,
        DateTimeOffset? createdAt = null)
    {
        ArgumentNullException.ThrowIfNull(baseResult);
        ArgumentNullException.ThrowIfNull(tunedResult);
        ArgumentNullException.ThrowIfNull(settings);
        if (baseResult.Counts.Queries != tunedResult.Counts.Queries || baseResult.Counts.Corpus != tunedResult.Counts.Corpus)
        {
            throw new ArgumentException("The base and tuned evaluations were run on different eval sets.");
        }

        return new EvalReport
        {
            RunId = runId,
            CreatedAt = createdAt ?? DateTimeOffset.UtcNow,
            BaseModel = settings.Model,
            Base = baseResult.Metrics,
            Tuned = tunedResult.Metrics,
            Difference = Subtract(tunedResult.Metrics, baseResult.Metrics),
            Settings = settings,
            Data = new DataCounts
            {
                TrainPairs = trainPairs,
                EvalPairs = tunedResult.Counts.Pairs,
                LabelledEvalPairs = tunedResult.Counts.LabelledPairs,
                EvalQueries = tunedResult.Counts.Queries,
                EvalCorpus = tunedResult.Counts.Corpus,
            },
            Seed = settings.Seed,
            Versions = versions ?? VersionInfo.Current(),
            Labels = tunedResult.Labels,
            Timing = new EvalTiming
            {
                BaseEvaluationSeconds = baseResult.Seconds,
                TrainingSeconds = trainingSeconds,
                TunedEvaluationSeconds = tunedResult.Seconds,
            },
            Notes = tunedResult.Notes,
        };
    }

    public static IReadOnlyDictionary<string, double> Subtract(
        IReadOnlyDictionary<string, double> tuned, IReadOnlyDictionary<string, double> baseline)
    {
        ArgumentNullException.ThrowIfNull(tuned);
        ArgumentNullException.ThrowIfNull(baseline);
        var difference = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in tuned)
        {
            if (baseline.TryGetValue(name, out var before))
            {
                difference[name] = value - before;
            }
        }

        return difference;
    }

    public string ToJson() => JsonSerializer.Serialize(this, PairTunerJson.Options);

    public static EvalReport FromJson(string json)
        => JsonSerializer.Deserialize<EvalReport>(json, PairTunerJson.Options)
           ?? throw new InvalidDataException("eval.json holds 'null', not a report.");
}
