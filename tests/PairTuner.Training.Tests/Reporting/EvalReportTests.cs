using PairTuner.Training.Evaluation;
using PairTuner.Training.Reporting;

namespace PairTuner.Training.Tests.Reporting;

public sealed class EvalReportTests
{
    [Fact]
    public void Difference_is_tuned_minus_base_for_every_shared_metric()
    {
        var report = ReportSamples.Report();

        Assert.Equal(report.Tuned.Keys.Order(), report.Difference.Keys.Order());
        foreach (var (name, difference) in report.Difference)
        {
            Assert.Equal(report.Tuned[name] - report.Base[name], difference, 12);
        }

        Assert.Equal(0.07, report.Difference["cosine_ndcg@10"], 12);
        Assert.Equal(1200, report.Data.TrainPairs);
        Assert.Equal(298, report.Data.EvalQueries);
        Assert.Equal(42, report.Seed);
    }

    [Fact]
    public void Eval_json_round_trips_with_camel_case_names_and_the_synthetic_flag()
    {
        var report = ReportSamples.Report(LabelSource.Synthetic);

        var json = report.ToJson();
        var back = EvalReport.FromJson(json);

        Assert.Contains("\"cosine_ndcg@10\"", json);
        Assert.Contains("\"labels\": \"synthetic\"", json);
        Assert.Contains("\"labelsSynthetic\": true", json);
        Assert.Contains("\"batchSize\": 32", json);
        Assert.Contains("\"torchSharp\": \"0.107.0\"", json);
        Assert.Equal(report.Tuned["cosine_mrr@10"], back.Tuned["cosine_mrr@10"]);
        Assert.Equal(report.Difference["spearman_cosine"], back.Difference["spearman_cosine"]);
        Assert.Equal(report.Settings, back.Settings);
        Assert.True(back.LabelsSynthetic);
        Assert.Equal(321.5, back.Timing.TrainingSeconds);
    }

    [Fact]
    public void Evaluations_of_different_eval_sets_are_refused()
    {
        var other = ReportSamples.Result(0.1) with { Counts = new EvaluationCounts { Queries = 10, Corpus = 10 } };

        Assert.Throws<ArgumentException>(() => EvalReport.Create(ReportSamples.Result(0), other, new(), 5));
    }

    [Fact]
    public void Current_versions_name_torchsharp_and_dotnet()
    {
        var versions = VersionInfo.Current();

        Assert.StartsWith("0.107", versions.TorchSharp);
        Assert.Contains(".NET", versions.DotNet);
        Assert.False(string.IsNullOrWhiteSpace(versions.PairTuner));
    }
}
