namespace PairTuner.Deployment.Tests.Docker;

/// <summary>One Dockerfile instruction with continuation lines joined.</summary>
internal sealed record DockerfileInstruction(int Line, string Keyword, string Arguments);
