namespace PairTuner.Cli.Tests.Fakes;

/// <summary>
/// The test assembly's entry point (GenerateProgramFile is off): test runners never call it, and
/// <c>dotnet PairTuner.Cli.Tests.dll train --job ...</c> runs the <see cref="FakeTrainer"/>.
/// </summary>
internal static class TestProgram
{
    public static Task<int> Main(string[] args) => FakeTrainer.MainAsync(args);
}
