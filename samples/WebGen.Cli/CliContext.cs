using System.CommandLine;

namespace WebGen.Cli;

/// <summary>What every command shares: the writers, configuration overrides and the global options.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string?>? overrides)
{
    public static readonly Option<FileInfo?> ConfigOption = new("--config")
    {
        Description = "A JSON configuration file (default: appsettings.json in the working directory, when present).",
        Recursive = true,
    };

    public static readonly Option<bool> PlainOption = new("--plain")
    {
        Description = "Plain line-by-line output (the default when output is not a terminal).",
        Recursive = true,
    };

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public CliSettings LoadSettings(ParseResult parse) => CliSettings.Load(parse.GetValue(ConfigOption)?.FullName, overrides);

    /// <summary>Runs a command body, turning user errors into a clear message and exit code 2.</summary>
    public async Task<int> GuardAsync(Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            await Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return WebGenCli.UserError;
        }
        catch (WebGen.Bench.WebBenchProjectException ex)
        {
            await Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return WebGenCli.UserError;
        }
        catch (WebGen.Bench.BenchDatasetException ex)
        {
            await Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return WebGenCli.UserError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Error.WriteLineAsync("cancelled; completed steps are checkpointed — continue with `webgen resume <run-dir>` or rerun the same bench command.").ConfigureAwait(false);
            return 130;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return WebGenCli.UserError;
        }
    }
}
