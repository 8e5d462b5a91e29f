using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace WebGen.Playwright;

/// <summary>
/// Captures pages with the shared Chromium: one isolated context and page per session (kept warm between
/// captures of an episode on about:blank, so it never reacts to the site's changes between them; released by
/// <see cref="EndSessionAsync"/>), the site's origin only, readiness
/// by load + network idle (capped) + fonts, then the screenshot with console and page errors, failed and
/// blocked requests, the Vite error overlay text, the aria snapshot, the document width and an axe-core audit.
/// </summary>
public sealed partial class PlaywrightPageCapturer : IPageCapturer, IAsyncDisposable
{
    private readonly PlaywrightBrowserProvider _browser;
    private readonly PageCaptureOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, CaptureSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Creates the capturer.</summary>
    /// <param name="browser">The shared browser.</param>
    /// <param name="options">Readiness and recording settings; defaults when null.</param>
    /// <param name="logger">Logs failed captures and browser recoveries.</param>
    /// <param name="timeProvider">Clock for durations and the network-idle wait.</param>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public PlaywrightPageCapturer(
        PlaywrightBrowserProvider browser,
        IOptions<PageCaptureOptions>? options = null,
        ILogger<PlaywrightPageCapturer>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        _browser = browser;
        _options = PlaywrightOptionsValidator.Validated(options?.Value ?? new PageCaptureOptions());
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<PageCapture> CaptureAsync(PageCaptureRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        using var activity = PlaywrightTelemetry.Source.StartActivity("webgen.playwright.capture");
        activity?.SetTag("url.full", request.Url.ToString());
        activity?.SetTag("webgen.session.id", request.SessionId);
        var capture = await CaptureInSessionAsync(request, cancellationToken).ConfigureAwait(false);
        PlaywrightTelemetry.CaptureDuration.Record(capture.Duration.TotalSeconds, new KeyValuePair<string, object?>("webgen.capture.succeeded", capture.Succeeded));
        activity?.SetTag("http.response.status_code", capture.HttpStatus);
        activity?.SetTag("webgen.capture.page_errors", capture.PageErrors.Count);
        activity?.SetTag("webgen.capture.blocked_requests", capture.BlockedRequests.Count);
        if (capture.Failure is not null)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, capture.Failure);
        }

        return capture;
    }

    private async Task<PageCapture> CaptureInSessionAsync(PageCaptureRequest request, CancellationToken cancellationToken)
    {
        var session = _sessions.GetOrAdd(request.SessionId, static _ => new CaptureSession());
        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var leaving = false;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (session.Page is { IsUsable: true } kept && !await LeaveSiteAsync(kept, cancellationToken).ConfigureAwait(false))
                    {
                        // A page that cannot even reach about:blank is stuck (a hung load, a dead renderer): start afresh.
                        LogPageStuck(_logger, request.SessionId);
                        await kept.DisposeAsync().ConfigureAwait(false);
                        session.Page = null;
                    }

                    if (session.Page is { IsUsable: true } other && other.Origin != SitePage.OriginOf(request.Url))
                    {
                        // A context is restricted to one origin for its lifetime (the site moved to another port).
                        await other.DisposeAsync().ConfigureAwait(false);
                        session.Page = null;
                    }

                    if (session.Page is not { IsUsable: true })
                    {
                        if (session.Page is not null)
                        {
                            LogReopening(_logger, request.SessionId);
                            await session.Page.DisposeAsync().ConfigureAwait(false);
                        }

                        session.Page = null;
                        session.Page = await SitePage.OpenAsync(_browser, request.Url, request.ViewportWidth, request.ViewportHeight, [.. _options.AdditionalAllowedOrigins], _time, cancellationToken).ConfigureAwait(false);
                    }

                    var capture = await CaptureOnAsync(session.Page, request, cancellationToken).ConfigureAwait(false);

                    // Between steps no page of ours stays on the site: connected to the dev server, it would react to the
                    // next step's writes (hot updates, reloads, an error it provokes) and, once the server restarts, poll
                    // for it and reload itself into an error page that can hang the next navigation. Leaving is off the
                    // caller's path: it holds the session, so the session's next capture or its end waits for it.
                    leaving = true;
                    _ = LeaveThenReleaseAsync(session);
                    return capture;
                }
                catch (PlaywrightException ex) when (attempt == 1 && session.Page is not { IsUsable: true })
                {
                    // The browser or page died under us (crash, OOM kill): reopen once on a relaunched browser.
                    LogBrowserLost(_logger, request.SessionId, ex.Message);
                }
                catch (OperationCanceledException)
                {
                    // A cancelled capture leaves the page mid-navigation; start the next one from a clean page.
                    if (session.Page is not null)
                    {
                        await session.Page.DisposeAsync().ConfigureAwait(false);
                        session.Page = null;
                    }

                    throw;
                }
            }
        }
        finally
        {
            if (!leaving)
            {
                await ReleaseAsync(session).ConfigureAwait(false);
            }
        }
    }

    private static async Task LeaveThenReleaseAsync(CaptureSession session)
    {
        try
        {
            if (session.Page is { } page && !await LeaveSiteAsync(page, CancellationToken.None).ConfigureAwait(false))
            {
                session.Page = null;
                await page.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await ReleaseAsync(session).ConfigureAwait(false);
        }
    }

    private static async Task ReleaseAsync(CaptureSession session)
    {
        try
        {
            if (session.Ended && session.Page is { } orphan)
            {
                // The session was ended while this capture ran and its ender stopped waiting: nobody else will close it.
                session.Page = null;
                await orphan.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Waits for a capture of the session that is still running. When <paramref name="cancellationToken"/> stops the wait,
    /// that capture closes the page itself when it finishes.
    /// </remarks>
    public async ValueTask EndSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (!_sessions.TryRemove(sessionId, out var session))
        {
            return;
        }

        session.Ended = true;
        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (session.Page is not null)
            {
                await session.Page.DisposeAsync().ConfigureAwait(false);
                session.Page = null;
            }
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Releases every session's context. The shared browser stays with its provider.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sessions.Keys.ToList())
        {
            await EndSessionAsync(id).ConfigureAwait(false);
        }
    }

    private async Task<PageCapture> CaptureOnAsync(SitePage site, PageCaptureRequest request, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var observations = site.StartObserving();
        await site.ResizeAsync(request.ViewportWidth, request.ViewportHeight).ConfigureAwait(false);
        if (request.AuditAccessibility)
        {
            await site.InstallAxeAsync().ConfigureAwait(false);
        }

        var page = site.Page;
        IResponse? response = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                response = await page.GotoAsync(request.Url.ToString(), new PageGotoOptions
                {
                    WaitUntil = WaitUntilState.Load,
                    Timeout = (float)_options.NavigationTimeout.TotalMilliseconds,
                }).WaitAsync(cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (PlaywrightException ex) when (attempt == 1 && site.IsUsable && IsInterrupted(ex))
            {
                // A reload the page started itself replaced ours; load it once more.
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException && site.IsUsable)
            {
                var failure = ex is TimeoutException
                    ? $"The page did not finish loading within {_options.NavigationTimeout.TotalSeconds:0.#} s ({nameof(PageCaptureOptions.NavigationTimeout)})."
                    : "Navigation failed: " + FirstLine(ex.Message);
                LogCaptureFailed(_logger, request.Url, failure);
                return Failed(request, observations, failure, started);
            }
        }

        // A dev page can reload itself after it loaded (Vite's dependency optimiser reloads the page when it
        // discovers new dependencies; hot reload after a late file event). A capture taken across such a reload is
        // blank or fails with a destroyed execution context, so each pass checks that no navigation happened
        // and starts over on the reloaded document when one did.
        PageInspection inspection;
        byte[] png;
        IReadOnlyList<AccessibilityViolation>? violations;
        string? snapshot;
        for (var pass = 1; ; pass++)
        {
            var navigations = site.MainFrameNavigations;
            try
            {
                await site.WaitForNetworkQuietAsync(_options.NetworkQuietPeriod, _options.NetworkIdleCap, cancellationToken).ConfigureAwait(false);
                await page.EvaluateAsync(PageScripts.Settle, (int)_options.FontsCap.TotalMilliseconds).WaitAsync(cancellationToken).ConfigureAwait(false);
                inspection = await Inspect(page).WaitAsync(cancellationToken).ConfigureAwait(false);
                if (inspection.Overlay is null && observations.ProblemCount > 0 && _options.ErrorOverlayWait > TimeSpan.Zero)
                {
                    inspection = await WaitForOverlayAsync(page, inspection, observations.ServerErrorUrls).WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                // The screenshot is taken by the compositor while the audit and the aria snapshot read the DOM:
                // running them together saves most of the slower one's time.
                var shooting = page.ScreenshotAsync(new PageScreenshotOptions
                {
                    Type = ScreenshotType.Png,
                    FullPage = request.FullPage,
                    Animations = _options.DisableAnimations ? ScreenshotAnimations.Disabled : ScreenshotAnimations.Allow,
                });
                var auditing = request.AuditAccessibility
                    ? AxeAudit.RunAsync(page, [.. _options.AxeTags], _options.MaxAxeTargets)
                    : Task.FromResult<IReadOnlyList<AccessibilityViolation>>(null!);
                var snapshotting = _options.MaxAccessibilitySnapshotChars > 0
                    ? page.AriaSnapshotAsync()
                    : Task.FromResult<string>(null!);
                // Keep watching for a self-started reload for one quiet period, alongside the work above.
                var watching = Task.Delay(_options.NetworkQuietPeriod, _time, cancellationToken);
                await Task.WhenAll(shooting, auditing, snapshotting, watching).WaitAsync(cancellationToken).ConfigureAwait(false);
                png = await shooting.ConfigureAwait(false);
                violations = request.AuditAccessibility ? await auditing.ConfigureAwait(false) : null;
                snapshot = _options.MaxAccessibilitySnapshotChars > 0 ? Truncate(await snapshotting.ConfigureAwait(false), _options.MaxAccessibilitySnapshotChars) : null;
                if (site.MainFrameNavigations == navigations || pass >= MaxCapturePasses)
                {
                    break;
                }
            }
            catch (PlaywrightException ex) when (pass < MaxCapturePasses && site.IsUsable && (site.MainFrameNavigations != navigations || IsContextLost(ex)))
            {
                // The document was replaced under us; capture the new one.
            }

            LogPageReloaded(_logger, request.Url, pass);
            await WaitForReloadAsync(page, cancellationToken).ConfigureAwait(false);
        }

        var (width, height) = PngHeader.Size(png);
        return new PageCapture
        {
            Url = request.Url,
            Png = png,
            Width = width,
            Height = height,
            HttpStatus = response?.Status,
            Title = inspection.Title,
            ConsoleErrors = observations.ConsoleErrors,
            PageErrors = observations.PageErrors,
            FailedRequests = observations.FailedRequests,
            BlockedRequests = observations.BlockedRequests,
            ErrorOverlayText = inspection.Overlay,
            AccessibilitySnapshot = snapshot,
            VisibleText = inspection.Text,
            PageText = [.. inspection.Texts.Select(t => t.ToPageText())],
            AccessibilityViolations = violations,
            DocumentScrollWidth = inspection.ScrollWidth,
            ViewportWidth = request.ViewportWidth,
            Duration = _time.GetElapsedTime(started),
        };
    }

    /// <summary>Navigates a page to about:blank; false when it cannot get there promptly.</summary>
    private static async Task<bool> LeaveSiteAsync(SitePage site, CancellationToken cancellationToken)
    {
        if (site.Page.Url == "about:blank")
        {
            return true;
        }

        try
        {
            await site.Page.GotoAsync("about:blank", new PageGotoOptions { Timeout = (float)LeaveTimeout.TotalMilliseconds }).WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return false;
        }
    }

    private Task<PageInspection> Inspect(IPage page) =>
        page.EvaluateAsync<PageInspection>(PageScripts.Inspect, new { maxText = _options.MaxVisibleTextChars, maxPageText = _options.MaxPageTextChars });

    private async Task<PageInspection> WaitForOverlayAsync(IPage page, PageInspection current, IReadOnlyList<string> serverErrors)
    {
        try
        {
            if (serverErrors.Count > 0)
            {
                await page.EvaluateAsync<bool>(PageScripts.ReimportFailedModules, serverErrors.Distinct().Take(5).ToArray()).ConfigureAwait(false);
            }

            await page.WaitForSelectorAsync("vite-error-overlay", new PageWaitForSelectorOptions
            {
                State = WaitForSelectorState.Attached,
                Timeout = (float)_options.ErrorOverlayWait.TotalMilliseconds,
            }).ConfigureAwait(false);
            return await Inspect(page).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return current;
        }
    }

    private PageCapture Failed(PageCaptureRequest request, PageObservations observations, string failure, long started) => new()
    {
        Url = request.Url,
        ConsoleErrors = observations.ConsoleErrors,
        PageErrors = observations.PageErrors,
        FailedRequests = observations.FailedRequests,
        BlockedRequests = observations.BlockedRequests,
        ViewportWidth = request.ViewportWidth,
        Duration = _time.GetElapsedTime(started),
        Failure = failure,
    };

    private static void Validate(PageCaptureRequest request)
    {
        if (!request.Url.IsAbsoluteUri || request.Url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The capture URL must be an absolute http(s) address, got '{request.Url}'.", nameof(request));
        }

        if (request.ViewportWidth is < 100 or > 10_000 || request.ViewportHeight is < 100 or > 10_000)
        {
            throw new ArgumentException($"The viewport must be between 100 and 10000 px on each side, got {request.ViewportWidth}×{request.ViewportHeight}.", nameof(request));
        }

        if (string.IsNullOrEmpty(request.SessionId))
        {
            throw new ArgumentException("The session id must not be empty.", nameof(request));
        }
    }

    private const int MaxCapturePasses = 3;

    // about:blank loads in milliseconds; a page that needs longer is stuck and is replaced.
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(5);

    private async Task WaitForReloadAsync(IPage page, CancellationToken cancellationToken)
    {
        try
        {
            await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = (float)_options.NavigationTimeout.TotalMilliseconds }).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The next pass captures whatever is there.
        }
    }

    // A reload that commits during the screenshot detaches its target before our navigation count sees it.
    private static bool IsContextLost(PlaywrightException ex) =>
        ex.Message.Contains("Execution context was destroyed", StringComparison.Ordinal)
        || ex.Message.Contains("Not attached to an active page", StringComparison.Ordinal)
        || ex.Message.Contains("Cannot find context with specified id", StringComparison.Ordinal)
        || ex.Message.Contains("navigation", StringComparison.OrdinalIgnoreCase);

    private static bool IsInterrupted(PlaywrightException ex) =>
        ex.Message.Contains("ERR_ABORTED", StringComparison.Ordinal) || ex.Message.Contains("interrupted by another navigation", StringComparison.Ordinal);

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 500 ? line[..500] + "…" : line;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "\n…");

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Capture of {Url} failed: {Failure}")]
    private static partial void LogCaptureFailed(ILogger logger, Uri url, string failure);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Browser lost during a capture for session {SessionId} ({Message}); reopening")]
    private static partial void LogBrowserLost(ILogger logger, string sessionId, string message);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "The page {Url} reloaded itself during capture pass {Pass}; capturing it again")]
    private static partial void LogPageReloaded(ILogger logger, Uri url, int pass);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "The page of session {SessionId} could not leave the site; replacing it")]
    private static partial void LogPageStuck(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Reopening the page of session {SessionId}")]
    private static partial void LogReopening(ILogger logger, string sessionId);

    private sealed class CaptureSession
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public SitePage? Page { get; set; }

        /// <summary>Set by <see cref="EndSessionAsync"/> before it waits for a running capture.</summary>
        public volatile bool Ended;
    }
}
