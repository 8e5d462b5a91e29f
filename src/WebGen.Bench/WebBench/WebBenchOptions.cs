using System.ComponentModel.DataAnnotations;

namespace WebGen.Bench;

/// <summary>Options of <see cref="WebBenchHarness"/>.</summary>
public sealed class WebBenchOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "WebGen:Bench:WebBench";

    /// <summary>Projects evaluated at once (each with its own site in the sandbox and its own test run).</summary>
    [Range(1, 64)]
    public int MaxConcurrentProjects { get; set; } = 1;

    /// <summary>Playwright workers per test run (the benchmark leaves it to Playwright; 2 suits a 2-core machine).</summary>
    [Range(1, 32)]
    public int Workers { get; set; } = 2;

    /// <summary>
    /// The Chromium the tests launch (<c>launchOptions.executablePath</c>); null finds it: the
    /// <c>PLAYWRIGHT_CHROMIUM_EXECUTABLE</c> variable, then <c>/usr/bin/chromium</c>, <c>/usr/bin/chromium-browser</c>,
    /// <c>/usr/bin/google-chrome</c>. No browser is downloaded.
    /// </summary>
    public string? ChromiumPath { get; set; }

    /// <summary>
    /// Where the test runners (the benchmark's test dependencies, @playwright/test first, installed per project) are kept
    /// across runs; null uses <c>$XDG_CACHE_HOME/webgen-bench/web-bench</c> (else <c>~/.cache/webgen-bench/web-bench</c>).
    /// </summary>
    public string? RunnerCacheDirectory { get; set; }

    /// <summary>Longest one test run may take; a run that takes longer is stopped and its unfinished cases count as not run.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan TestRunTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest installing a project's test runner may take.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan RunnerInstallTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Run the cases that failed in a final-solution evaluation (reference or another tool's final source) once more on a
    /// freshly started site, and count those that pass then (each is marked <see cref="WebBenchCaseResult.PassedOnRetry"/>).
    /// Protocol attempts are never retried this way: their retry is the solver's second attempt.
    /// </summary>
    public bool RetryFailedCases { get; set; } = true;
}
