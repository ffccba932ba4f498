namespace PairTuner.Deployment.Tests.Docker;

/// <summary>A build stage: its base image (maybe another stage or an ARG), its name and its instructions.</summary>
internal sealed record DockerfileStage(string BaseImage, string? Name, List<DockerfileInstruction> Instructions);
