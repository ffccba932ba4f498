using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PairTuner.Tests;

namespace PairTuner.Deployment.Tests.Docker;

public class DockerfileTests
{
    private static readonly Dockerfile Trainer = Dockerfile.Parse(File.ReadAllText(RepositoryLayout.File("Dockerfile")));

    [Fact]
    public void Final_stage_is_chosen_by_the_torch_backend_build_argument_and_both_variants_exist()
    {
        Assert.Equal("cuda", Trainer.GlobalArgs["TORCH_BACKEND"]);
        var final = Trainer.Stages[^1];
        Assert.Equal("runtime-${TORCH_BACKEND}", final.BaseImage);
        var names = Trainer.Stages.Select(s => s.Name).ToHashSet();
        foreach (var backend in new[] { "cuda", "cpu" })
        {
            Assert.Contains($"runtime-{backend}", names);
        }
    }

    [Fact]
    public void Build_stage_passes_the_backend_to_the_msbuild_property_the_training_project_switches_on()
    {
        var build = Trainer.Stages.Single(s => s.Name == "build");
        var runs = build.Instructions.Where(i => i.Keyword == "RUN").Select(i => i.Arguments).ToList();
        var publish = Assert.Single(runs, r => r.Contains("dotnet publish", StringComparison.Ordinal));
        var restore = Assert.Single(runs, r => r.Contains("dotnet restore", StringComparison.Ordinal));

        var property = Regex.Match(publish, @"-p:(\w+)=\$\{TORCH_BACKEND\}").Groups[1].Value;
        Assert.Equal("PairTunerTorchBackend", property);
        Assert.Contains($"-p:{property}=${{TORCH_BACKEND}}", restore);
        Assert.Contains("src/PairTuner.Trainer/PairTuner.Trainer.csproj", publish);

        // The training project must pick the CUDA package for 'cuda' and the CPU one otherwise.
        var training = XDocument.Load(RepositoryLayout.File("src", "PairTuner.Training", "PairTuner.Training.csproj"));
        var conditions = training.Descendants("PackageReference")
            .Where(p => p.Attribute("Condition") is not null)
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Condition")!);
        Assert.Equal($"'$({property})' == 'cuda'", conditions["TorchSharp-cuda-linux"]);
        Assert.Equal($"'$({property})' != 'cuda'", conditions["libtorch-cpu-linux-x64"]);
        var central = XDocument.Load(RepositoryLayout.File("Directory.Packages.props"));
        Assert.Contains(central.Descendants("PackageVersion"), p => (string?)p.Attribute("Include") == "TorchSharp-cuda-linux");
    }

    [Fact]
    public void Entry_point_runs_the_published_trainer_under_a_non_root_user()
    {
        var final = Trainer.Stages[^1];
        var entry = Assert.Single(final.Instructions, i => i.Keyword == "ENTRYPOINT");
        var argv = JsonSerializer.Deserialize<string[]>(entry.Arguments)!;

        var trainer = XDocument.Load(RepositoryLayout.File("src", "PairTuner.Trainer", "PairTuner.Trainer.csproj"));
        var assembly = trainer.Descendants("AssemblyName").Single().Value;
        Assert.Equal(["dotnet", $"/app/{assembly}.dll", "train"], argv);

        var user = Assert.Single(final.Instructions, i => i.Keyword == "USER").Arguments;
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        // The CUDA runtime stage creates that user; the .NET runtime image ships it.
        Assert.Contains(Trainer.Stages.Single(s => s.Name == "runtime-cuda").Instructions, i => i.Keyword == "RUN" && i.Arguments.Contains($"useradd", StringComparison.Ordinal) && i.Arguments.Contains($" {user}", StringComparison.Ordinal));
    }

    [Fact]
    public void Image_holds_the_trainer_only_and_a_cuda_base_without_cudnn_or_development_layers()
    {
        var copied = Trainer.Instructions.Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        foreach (var host in new[] { "PairTuner.Cli", "PairTuner.Functions", "PairTuner.Bench" })
        {
            Assert.DoesNotContain(copied, c => c.Contains(host, StringComparison.Ordinal));
        }

        var cudaImage = Trainer.GlobalArgs["CUDA_IMAGE"]!;
        Assert.Matches(@"^nvidia/cuda:12\.\d+\.\d+-base-ubuntu", cudaImage);
        Assert.DoesNotContain("devel", cudaImage, StringComparison.Ordinal);
        Assert.DoesNotContain("cudnn", cudaImage, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_copied_path_exists_and_is_not_excluded_by_dockerignore()
    {
        var ignored = File.ReadAllLines(RepositoryLayout.File(".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var copies = Trainer.Instructions.Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal));
        var checkedSources = 0;
        foreach (var copy in copies)
        {
            var parts = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToArray();
            foreach (var source in parts[..^1])
            {
                var path = RepositoryLayout.File(source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"Dockerfile line {copy.Line}: COPY source '{source}' does not exist");
                Assert.DoesNotContain(ignored, pattern => Matches(pattern, source.TrimEnd('/')));
                checkedSources++;
            }
        }

        Assert.True(checkedSources >= 8, $"expected the project files and sources to be copied, saw {checkedSources}");
    }

    [Fact]
    public void Dockerignore_keeps_build_outputs_and_local_state_out_of_the_context()
    {
        var ignored = File.ReadAllLines(RepositoryLayout.File(".dockerignore"));
        foreach (var pattern in new[] { "**/bin/", "**/obj/", "**/node_modules/", ".git/", "**/local.settings.json" })
        {
            Assert.Contains(pattern, ignored);
        }
    }

    private static bool Matches(string pattern, string path)
    {
        var regex = "^" + Regex.Escape(pattern.TrimEnd('/')).Replace(@"\*\*/", "(.*/)?").Replace(@"\*", "[^/]*") + "(/.*)?$";
        return Regex.IsMatch(path, regex);
    }
}
