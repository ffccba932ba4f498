using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PairTuner.Tests;

namespace PairTuner.Deployment.Tests.Scripts;

/// <summary>
/// scripts/gpu-check.sh against a stand-in `docker` and `nvidia-smi` (there is no GPU here): the
/// runs it asks for, the dropout-free base model, and the loss comparison with its tolerance. The
/// stand-in trainer writes the cpu losses 1.31 to 1.51 and the cuda losses times a test's factor.
/// </summary>
public sealed class GpuCheckScriptTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("pairtuner-gpu-check-").FullName;

    public GpuCheckScriptTests()
    {
        Write("docker", """
            #!/bin/sh
            echo "$*" >> "$FAKE_LOG"
            case "$1" in
              info|build) exit 0 ;;
              run) shift ;;
              *) echo "unexpected docker call: $*" >&2; exit 2 ;;
            esac
            host=""; out=""; device=""; train=""; model=""
            while [ $# -gt 0 ]; do
              case "$1" in
                -v) host="${2%%:/w}"; shift ;;
                --out) out="$2"; shift ;;
                --device) device="$2"; shift ;;
                --train) train="$2"; shift ;;
                --model) model="$2"; shift ;;
              esac
              shift
            done
            dir="$host${out#/w}"
            mkdir -p "$dir"
            if [ "$train" = /w/warm.jsonl ]; then
              mkdir -p "$host/cache/builtin/all-MiniLM-L6-v2-1.2.3"
              printf '{\n  "attention_probs_dropout_prob": 0.1,\n  "hidden_dropout_prob": 0.1,\n  "hidden_size": 384\n}\n' > "$host/cache/builtin/all-MiniLM-L6-v2-1.2.3/config.json"
            fi
            if [ -n "$model" ]; then cp "$host${model#/w}/config.json" "$FAKE_LOG.base-config"; fi
            factor=1
            if [ "$device" = cuda ]; then factor="$FAKE_CUDA_FACTOR"; fi
            awk -v f="$factor" -v rate="$device" 'BEGIN { for (i = 1; i <= 21; i++) printf "{\"step\":%d,\"epoch\":0,\"loss\":%.10g,\"pairsPerSecond\":%d}\n", i, (1.3 + i / 100) * f, rate == "cuda" ? 900 : 40 }' > "$dir/training_log.jsonl"
            """);
        Write("nvidia-smi", """
            #!/bin/sh
            if [ -n "$FAKE_NO_GPU" ]; then echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." >&2; exit 9; fi
            case "$*" in
              -L) echo "GPU 0: NVIDIA H200 (UUID: GPU-0)" ;;
              *) echo 2048; echo 3172 ;;
            esac
            """);
    }

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    [Fact]
    public void Within_one_percent_it_passes_after_a_cpu_fp32_and_a_cuda_bf16_run_from_a_dropout_free_base()
    {
        var run = Run(cudaFactor: 1.004);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("gpu-check: PASS", run.Output);
        Assert.Contains("largest relative difference: 0.00400", run.Output);
        Assert.Contains("pairs/s: cpu fp32 40, cuda bf16 900", run.Output);
        Assert.Equal(20, run.Output.Split('\n').Count(l => Regex.IsMatch(l, @"^\s+\d+\s+1\.\d{6}\s+1\.\d{6}\s+0\.00400$")));

        Assert.Contains(run.DockerCalls, c => c.StartsWith("build ", StringComparison.Ordinal) && c.Contains("--build-arg TORCH_BACKEND=cuda", StringComparison.Ordinal));
        var cpu = Assert.Single(run.DockerCalls, c => c.Contains("--out /w/cpu", StringComparison.Ordinal));
        var cuda = Assert.Single(run.DockerCalls, c => c.Contains("--out /w/cuda", StringComparison.Ordinal));
        Assert.Contains("--device cpu --precision fp32", cpu);
        Assert.DoesNotContain("--gpus", cpu);
        Assert.Contains(" --gpus all ", cuda);
        Assert.Contains("--device cuda --precision bf16", cuda);
        Assert.All(new[] { cpu, cuda }, c => Assert.Contains("--epochs 1 --batch-size 8 --warmup-steps 2 --similarity dot --scale 1 --seed 42 --model /w/base", c));

        var baseConfig = File.ReadAllText(Path.Combine(_bin, "calls.log.base-config"));
        Assert.Contains("\"attention_probs_dropout_prob\": 0.0", baseConfig);
        Assert.Contains("\"hidden_dropout_prob\": 0.0", baseConfig);
        Assert.Contains("\"hidden_size\": 384", baseConfig);
    }

    [Fact]
    public void Beyond_one_percent_it_fails_and_marks_the_steps()
    {
        var run = Run(cudaFactor: 1.03);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("gpu-check: FAIL", run.Output);
        Assert.Equal(20, run.Output.Split('\n').Count(l => l.Contains("OUT OF TOLERANCE", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_a_gpu_it_says_so_and_builds_nothing()
    {
        var run = Run(cudaFactor: 1, noGpu: true);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no NVIDIA GPU", run.Output);
        Assert.Empty(run.DockerCalls);
    }

    private void Write(string name, string text)
    {
        var path = Path.Combine(_bin, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private CheckRun Run(double cudaFactor, bool noGpu = false)
    {
        var log = Path.Combine(_bin, "calls.log");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryLayout.File("scripts", "gpu-check.sh"));
        start.Environment["PATH"] = _bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE_LOG"] = log;
        start.Environment["FAKE_CUDA_FACTOR"] = cudaFactor.ToString(CultureInfo.InvariantCulture);
        start.Environment["TMPDIR"] = _bin;
        if (noGpu)
        {
            start.Environment["FAKE_NO_GPU"] = "1";
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gpu-check.sh did not finish: {stdout.Result}{stderr.Result}");
        }

        var calls = File.Exists(log) ? File.ReadAllLines(log).ToList() : [];
        return new CheckRun(process.ExitCode, stdout.Result + stderr.Result, calls);
    }

    private sealed record CheckRun(int ExitCode, string Output, List<string> DockerCalls);
}
