using System.Globalization;
using System.Text;
using PairTuner.Core.Jobs;
using PairTuner.Core.Storage;
using PairTuner.Workflow.Storage;

namespace PairTuner.Cli.Tests.Fakes;

/// <summary>
/// A stand-in for <c>pairtuner train --job</c> that the e2e tests launch as a real child process
/// (this test assembly run with <c>dotnet</c>): it honours the job.json contract — heartbeats in
/// status.json, checkpoints, resume, and every output file — without the cost of real training,
/// so the tests exercise the launcher, the monitor and the relaunch logic for real. It is our own
/// process, not a stand-in for a remote service.
/// </summary>
internal static class FakeTrainer
{
    /// <summary>Milliseconds each fake step takes (default 100).</summary>
    public const string StepMillisVariable = "FAKE_TRAINER_STEP_MS";

    public static async Task<int> MainAsync(string[] args)
    {
        if (args.Length < 3 || args[0] != "train" || args[1] != "--job")
        {
            await Console.Error.WriteLineAsync("usage: train --job runs/{id}/job.json [--attempt N]");
            return 2;
        }

        IArtifactStore store = BlobArtifactStore.FromSettings(StorageSettings.FromEnvironment());
        var job = await store.ReadJsonAsync<TrainingJob>(args[2]) ?? throw new FileNotFoundException(args[2]);
        var stepMillis = int.Parse(Environment.GetEnvironmentVariable(StepMillisVariable) ?? "100", CultureInfo.InvariantCulture);

        var pairs = 0;
        foreach (var path in job.Train)
        {
            pairs += (await ReadTextAsync(store, path)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        }

        var perEpoch = Math.Max(1, (pairs + job.Options.BatchSize - 1) / job.Options.BatchSize);
        var total = perEpoch * job.Options.Epochs;
        var latest = job.Checkpoints + "latest.txt";
        var step = 0;
        if (job.Resume && await store.ExistsAsync(latest))
        {
            step = int.Parse(await ReadTextAsync(store, latest), CultureInfo.InvariantCulture);
        }

        Console.WriteLine($"fake trainer: attempt {job.Attempt}, {pairs} pairs, steps {step}..{total}");
        await BeatAsync(store, job, TrainerStage.Training, step, total, perEpoch);
        while (step < total)
        {
            await Task.Delay(stepMillis);
            step++;
            if (step % job.Options.CheckpointEvery == 0)
            {
                await WriteTextAsync(store, job.Checkpoints + $"step-{step}/state.json", $"{{\"step\":{step}}}");
                await WriteTextAsync(store, latest, step.ToString(CultureInfo.InvariantCulture));
            }

            await BeatAsync(store, job, TrainerStage.Training, step, total, perEpoch);
        }

        await BeatAsync(store, job, TrainerStage.Saving, step, total, perEpoch);
        foreach (var file in new[]
        {
            "config.json", "model.safetensors", "vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
            "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling/config.json",
            "2_Normalize/config.json", "onnx/model.onnx",
        })
        {
            await WriteTextAsync(store, job.OutputModel + file, "{}");
        }

        await WriteTextAsync(store, job.EvalReport, "{\"base\":{\"cosine_ndcg@10\":0.5,\"cosine_mrr@10\":0.4},\"tuned\":{\"cosine_ndcg@10\":0.7,\"cosine_mrr@10\":0.6}}");
        await WriteTextAsync(store, job.ReportHtml, "<html><body>fake report</body></html>");
        await WriteTextAsync(store, job.TrainingLog, "{\"step\":1}\n");
        await BeatAsync(store, job, TrainerStage.Completed, step, total, perEpoch);
        return 0;
    }

    private static Task BeatAsync(IArtifactStore store, TrainingJob job, TrainerStage stage, int step, int total, int perEpoch)
        => store.WriteJsonAsync(job.Status, new TrainerStatus
        {
            RunId = job.RunId,
            Stage = stage,
            Epoch = Math.Min(job.Options.Epochs, (step / perEpoch) + 1),
            Epochs = job.Options.Epochs,
            Step = step,
            TotalSteps = total,
            Loss = 1.0 / (1 + step),
            EtaSeconds = total - step,
            Attempt = job.Attempt,
            UpdatedAt = DateTimeOffset.UtcNow,
        });

    private static async Task<string> ReadTextAsync(IArtifactStore store, string path)
    {
        await using var stream = await store.OpenReadAsync(path);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static async Task WriteTextAsync(IArtifactStore store, string path, string text)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await store.WriteAsync(path, content);
    }
}
