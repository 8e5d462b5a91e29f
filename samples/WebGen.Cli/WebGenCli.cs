using System.CommandLine;

namespace WebGen.Cli;

/// <summary>The <c>webgen</c> command line.</summary>
internal static class WebGenCli
{
    /// <summary>Exit code of a run that failed for a reason the user can fix (bad input, unreachable endpoint).</summary>
    public const int UserError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string?>? configuration = null, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(stdout, stderr, configuration);
        var root = new RootCommand("webgen — generate websites with an agent that looks at what it builds (WebGen-Agent in .NET).")
        {
            GenerateCommand.Create(context),
            ResumeCommand.Create(context),
            ReportCommand.Create(context),
            BenchCommand.Create(context),
            EvalCommand.Create(context),
            WebBenchCommand.Create(context),
            McpCommand.Create(context),
            SiloCommand.Create(context),
            EnvServerCommand.Create(context),
        };
        root.Options.Add(CliContext.ConfigOption);
        root.Options.Add(CliContext.PlainOption);

        var parse = root.Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
    }
}
