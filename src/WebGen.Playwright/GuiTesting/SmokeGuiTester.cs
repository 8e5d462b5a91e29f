using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace WebGen.Playwright;

/// <summary>
/// A GUI tester that needs no model: it clicks every visible button and link of the page in turn (from a
/// fresh load each time), and records the uncaught errors, console errors, failed requests and failed
/// navigations each click causes. The verdict and grade follow from what broke. It cannot tell whether a
/// function does what the user asked, only whether it works without errors: the offline default when no
/// model endpoint is configured.
/// </summary>
public sealed partial class SmokeGuiTester : IGuiTester
{
    /// <summary>The fixed instruction returned by <see cref="PlanAsync"/>.</summary>
    public static readonly string FixedInstruction = GuiTestInstructions.Complete(
        "Click every visible button and link of the home page in turn and check that none of them raises an error, breaks the page or leads to a page that fails to load.");

    private readonly PlaywrightBrowserProvider _browser;
    private readonly SmokeGuiTesterOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates the tester.</summary>
    /// <param name="browser">The shared browser.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="logger">Logs results.</param>
    /// <param name="timeProvider">Clock for settle waits.</param>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public SmokeGuiTester(PlaywrightBrowserProvider browser, IOptions<SmokeGuiTesterOptions>? options = null, ILogger<SmokeGuiTester>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        _browser = browser;
        _options = PlaywrightOptionsValidator.Validated(options?.Value ?? new SmokeGuiTesterOptions());
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Returns <see cref="FixedInstruction"/> without calling a model.</summary>
    /// <param name="userInstruction">The user's request (not used).</param>
    /// <param name="cancellationToken">Not used.</param>
    public Task<GuiTestPlan> PlanAsync(string userInstruction, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GuiTestPlan { Instruction = FixedInstruction });

    /// <inheritdoc />
    public async Task<GuiTestResult> TestAsync(GuiTestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Url.IsAbsoluteUri || request.Url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The GUI test needs an absolute http(s) address, got '{request.Url}'.", nameof(request));
        }

        var site = await SitePage.OpenAsync(_browser, request.Url, _options.ViewportWidth, _options.ViewportHeight, [], _time, cancellationToken).ConfigureAwait(false);
        await using (site.ConfigureAwait(false))
        {
            try
            {
                return await RunAsync(site, request.Url, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                return new GuiTestResult { Failure = "The smoke test could not run: " + ex.Message.Split('\n', 2)[0] };
            }
        }
    }

    private async Task<GuiTestResult> RunAsync(SitePage site, Uri url, CancellationToken cancellationToken)
    {
        var load = await LoadAsync(site, url, cancellationToken).ConfigureAwait(false);
        if (load is not null)
        {
            return new GuiTestResult { Verdict = GuiVerdict.No, FinalAnswer = "NO: " + load, Failure = load };
        }

        var loadErrors = site.Observations.PageErrors;
        var targets = await site.Page.EvaluateAsync<SmokeTarget[]>(SmokeScripts.MarkTargets, _options.MaxElements).ConfigureAwait(false);
        var steps = new List<GuiTrajectoryStep>();
        var skipped = new List<string>();
        var fresh = true;
        foreach (var target in targets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (target.External || target.Disabled)
            {
                skipped.Add(target.Describe() + (target.Disabled ? " (disabled)" : " (leaves the site)"));
                continue;
            }

            if (!fresh && _options.ReloadBetweenClicks)
            {
                var reload = await LoadAsync(site, url, cancellationToken).ConfigureAwait(false);
                if (reload is not null)
                {
                    steps.Add(Step(steps.Count, target, "reloading the page before this click failed: " + reload, site.Page.Url, default));
                    break;
                }

                await site.Page.EvaluateAsync<SmokeTarget[]>(SmokeScripts.MarkTargets, _options.MaxElements).ConfigureAwait(false);
            }

            fresh = false;
            var problem = await ClickAsync(site, target, cancellationToken).ConfigureAwait(false);
            var png = _options.KeepScreenshots ? await site.Page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png }).ConfigureAwait(false) : null;
            steps.Add(Step(steps.Count, target, problem, site.Page.Url, png));
        }

        return Grade(steps, skipped, loadErrors);
    }

    private async Task<string?> ClickAsync(SitePage site, SmokeTarget target, CancellationToken cancellationToken)
    {
        var page = site.Page;
        var locator = page.Locator($"[{SmokeScripts.TargetAttribute}=\"{target.Index}\"]");
        if (await locator.CountAsync().ConfigureAwait(false) == 0)
        {
            return "the element was no longer on the page.";
        }

        var observations = site.StartObserving();
        var urlBefore = page.Url;
        try
        {
            await locator.First.EvaluateAsync(AgentScripts.SameTab).ConfigureAwait(false);
            await locator.First.ClickAsync(new LocatorClickOptions { Timeout = (float)_options.ClickTimeout.TotalMilliseconds }).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return $"it could not be clicked within {_options.ClickTimeout.TotalSeconds:0.#} s (covered, moving or disabled).";
        }
        catch (PlaywrightException ex) when (site.IsUsable)
        {
            return "clicking failed: " + ex.Message.Split('\n', 2)[0];
        }

        await SettleAsync(site, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        if (page.Url.StartsWith("chrome-error:", StringComparison.Ordinal))
        {
            problems.Add("the page it led to failed to load");
        }
        else if (page.Url != urlBefore)
        {
            var status = await page.EvaluateAsync<int>(SmokeScripts.DocumentStatus).ConfigureAwait(false);
            if (status >= 400)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"it led to {page.Url}, which answered HTTP {status}"));
            }
        }

        problems.AddRange(observations.PageErrors.Select(e => "uncaught error: " + e));
        problems.AddRange(observations.FailedRequests.Select(r => "failed request: " + r));
        problems.AddRange(observations.ConsoleErrors.Select(e => "console error: " + e));
        return problems.Count == 0 ? null : string.Join("; ", problems) + ".";
    }

    private async Task<string?> LoadAsync(SitePage site, Uri url, CancellationToken cancellationToken)
    {
        site.StartObserving();
        IResponse? response;
        try
        {
            response = await site.Page.GotoAsync(url.ToString(), new PageGotoOptions
            {
                WaitUntil = WaitUntilState.Load,
                Timeout = (float)_options.NavigationTimeout.TotalMilliseconds,
            }).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return "the site could not be opened: " + ex.Message.Split('\n', 2)[0];
        }

        if (response is { Status: >= 400 })
        {
            return string.Create(CultureInfo.InvariantCulture, $"the site answered HTTP {response.Status}");
        }

        await SettleAsync(site, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task SettleAsync(SitePage site, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await site.Page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = (float)_options.NavigationTimeout.TotalMilliseconds }).WaitAsync(cancellationToken).ConfigureAwait(false);
                await site.WaitForNetworkQuietAsync(_options.NetworkQuietPeriod, _options.SettleCap, cancellationToken).ConfigureAwait(false);
                await site.Page.EvaluateAsync(PageScripts.Settle, 1000).WaitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TimeoutException)
            {
                return;
            }
            catch (PlaywrightException) when (attempt < 3 && site.IsUsable)
            {
                // A navigation replaced the document mid-wait; wait for the new one.
            }
        }
    }

    private static GuiTrajectoryStep Step(int index, SmokeTarget target, string? problem, string url, ReadOnlyMemory<byte> png) => new()
    {
        Index = index,
        Action = GuiActionKind.Click,
        TargetLabel = target.Index + 1,
        TargetDescription = target.Describe(),
        Error = problem,
        UrlAfter = url,
        ScreenshotAfter = png,
    };

    private GuiTestResult Grade(List<GuiTrajectoryStep> steps, List<string> skipped, IReadOnlyList<string> loadErrors)
    {
        var broken = steps.Where(s => s.Error is not null).ToList();
        var suggestions = new StringBuilder();
        foreach (var error in loadErrors.Take(5))
        {
            suggestions.Append("- The page throws on load: ").Append(error).Append('\n');
        }

        foreach (var step in broken.Take(10))
        {
            suggestions.Append("- Clicking ").Append(step.TargetDescription).Append(": ").Append(step.Error).Append('\n');
        }

        if (skipped.Count > 0)
        {
            suggestions.Append(CultureInfo.InvariantCulture, $"- Not clicked: {string.Join(", ", skipped.Take(10))}.\n");
        }

        GuiVerdict verdict;
        int grade;
        string answer;
        if (steps.Count == 0)
        {
            verdict = GuiVerdict.Partial;
            grade = loadErrors.Count > 0 ? 1 : 2;
            answer = "PARTIAL: the page has no visible button or link that could be exercised.";
            suggestions.Append("- The page offers no visible buttons or links, so none of its functions can be used.\n");
        }
        else if (broken.Count == 0)
        {
            verdict = loadErrors.Count > 0 ? GuiVerdict.Partial : GuiVerdict.Yes;
            grade = loadErrors.Count > 0 ? 3 : 5;
            answer = string.Create(CultureInfo.InvariantCulture, $"{(loadErrors.Count > 0 ? "PARTIAL" : "YES")}: all {steps.Count} buttons and links worked without errors{(loadErrors.Count > 0 ? ", but the page throws on load" : "")}.");
        }
        else
        {
            var share = (double)broken.Count / steps.Count;
            verdict = share <= 0.5 ? GuiVerdict.Partial : GuiVerdict.No;
            grade = share <= 0.25 ? 4 : share <= 0.5 ? 3 : broken.Count < steps.Count ? 2 : 1;
            if (loadErrors.Count > 0)
            {
                grade = Math.Min(grade, 3);
            }

            answer = string.Create(CultureInfo.InvariantCulture, $"{(verdict == GuiVerdict.No ? "NO" : "PARTIAL")}: {broken.Count} of {steps.Count} buttons and links caused errors.");
        }

        LogResult(_logger, steps.Count, broken.Count, verdict);
        return new GuiTestResult
        {
            Verdict = verdict,
            FinalAnswer = answer,
            Passed = verdict == GuiVerdict.Yes,
            Grade = grade,
            Suggestions = suggestions.ToString().TrimEnd(),
            Trajectory = steps,
        };
    }

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Smoke GUI test clicked {Clicked} elements, {Broken} broke; verdict {Verdict}")]
    private static partial void LogResult(ILogger logger, int clicked, int broken, GuiVerdict verdict);
}
