using System.Text.Json;
using PairTuner.Workflow.Publishing;

namespace PairTuner.Workflow.Tests.Orchestration;

public sealed class EvalMetricsTests
{
    [Fact]
    public void Base_and_tuned_metrics_are_paired_by_name_and_missing_sides_stay_null()
    {
        using var report = JsonDocument.Parse("""
            {"runId":"r","base":{"cosine_ndcg@10":0.61,"spearman_cosine":0.8},
             "tuned":{"cosine_ndcg@10":0.72,"cosine_mrr@10":0.66},"difference":{"cosine_ndcg@10":0.11}}
            """);

        var metrics = EvalMetrics.Compare(report.RootElement);

        Assert.Equal(["cosine_mrr@10", "cosine_ndcg@10", "spearman_cosine"], metrics.Keys);
        Assert.Equal(0.61, metrics["cosine_ndcg@10"].Base);
        Assert.Equal(0.72, metrics["cosine_ndcg@10"].Tuned);
        Assert.Null(metrics["cosine_mrr@10"].Base);
        Assert.Null(metrics["spearman_cosine"].Tuned);
    }
}
