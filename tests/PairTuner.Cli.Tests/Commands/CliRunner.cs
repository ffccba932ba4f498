using System.CommandLine;

namespace PairTuner.Cli.Tests.Commands;

/// <summary>Runs one command in-process through System.CommandLine, capturing stdout and stderr.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(Command command, params string[] args)
    {
        var root = new RootCommand("test") { command };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
