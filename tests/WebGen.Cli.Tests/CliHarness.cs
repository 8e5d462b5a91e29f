using Microsoft.Playwright;
using WebGen.Cli;
using WebGen.Playwright;

namespace WebGen.Cli.Tests;

/// <summary>Runs the real CLI in-process with captured output, and shared test helpers.</summary>
internal static class CliHarness
{
    public static async Task<CliOutcome> RunAsync(IReadOnlyDictionary<string, string?>? configuration, CancellationToken cancellationToken, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await WebGenCli.RunAsync([.. args, "--plain"], TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr), configuration ?? new Dictionary<string, string?>(), cancellationToken);
        TestContext.Out.WriteLine($"$ webgen {string.Join(' ', args)}\n{stdout}\n{stderr}\n(exit {code})");
        return new CliOutcome(code, stdout.ToString(), stderr.ToString());
    }

    public static Task<CliOutcome> RunAsync(params string[] args) => RunAsync(null, CancellationToken.None, args);

    /// <summary>Opens a local HTML file in real Chromium and returns what a reader would check.</summary>
    public static async Task<ReportCheck> OpenReportAsync(string path)
    {
        await using var provider = new PlaywrightBrowserProvider();
        var context = await provider.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, m) =>
            {
                if (m.Type == "error")
                {
                    errors.Add(m.Text);
                }
            };
            page.PageError += (_, e) => errors.Add(e);
            await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            var images = await page.EvaluateAsync<int[]>("() => Array.from(document.images).map(i => i.complete ? i.naturalWidth : 0)");
            var text = await page.InnerTextAsync("body");
            return new ReportCheck(errors, images, text);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}

internal sealed record CliOutcome(int ExitCode, string Out, string Error);

internal sealed record ReportCheck(IReadOnlyList<string> ConsoleErrors, IReadOnlyList<int> ImageWidths, string Text);
