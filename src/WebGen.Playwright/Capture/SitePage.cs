using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WebGen.Playwright;

/// <summary>
/// One isolated browser context with one page, restricted to the site's origin: requests to any other
/// origin fail (at the <see cref="OriginFence"/>, or aborted by interception for a remote browser) and are
/// recorded. Tracks requests in flight (for a network-idle wait shorter than Playwright's fixed 500 ms) and
/// routes console errors, page errors and failed requests to the current <see cref="PageObservations"/>.
/// </summary>
internal sealed class SitePage : IAsyncDisposable
{
    private int _mainFrameNavigations;
    private readonly string[] _allowed;
    private readonly TimeProvider _time;
    private PageObservations _observations = new();
    private readonly ConcurrentDictionary<IRequest, byte> _inFlight = new(ReferenceEqualityComparer.Instance);
    private long _lastNetworkActivity;

    private SitePage(IBrowserContext context, IPage page, string[] allowed, TimeProvider time)
    {
        Context = context;
        Page = page;
        _allowed = allowed;
        _time = time;
        _lastNetworkActivity = time.GetTimestamp();
        page.Console += (_, message) =>
        {
            // "Failed to load resource" repeats what FailedRequests and BlockedRequests already record precisely.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _observations.AddConsoleError(message.Text);
            }
        };
        page.PageError += (_, error) => _observations.AddPageError(error);
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Interlocked.Increment(ref _mainFrameNavigations);
            }
        };
        page.Crash += (_, _) => _observations.AddPageError("The page's renderer process crashed.");
        page.Request += (_, request) => Started(request);
        page.RequestFinished += (_, request) => Ended(request);
        page.RequestFailed += (_, request) =>
        {
            Ended(request);
            var failure = request.Failure ?? "failed";
            if (!IsAllowed(request.Url))
            {
                // Failed at the fence (interception records what it aborts itself).
                if (!failure.Contains("ERR_BLOCKED_BY_CLIENT", StringComparison.Ordinal))
                {
                    _observations.AddBlockedRequest($"{request.Method} {request.Url}");
                }
            }
            else if (!failure.Contains("ERR_ABORTED", StringComparison.Ordinal) && IsSameOrigin(request.Url))
            {
                // Aborted requests are navigations away.
                _observations.AddFailedRequest($"{request.Method} {request.Url} → {failure}");
            }
        };
        page.Response += (_, response) =>
        {
            // A fetch whose body the page never reads does not "finish" in Chromium; its answer arriving is enough.
            Ended(response.Request);
            if (response.Status >= 400 && IsSameOrigin(response.Url))
            {
                if (response.Status >= 500)
                {
                    _observations.AddServerErrorUrl(response.Url);
                }

                _observations.AddFailedRequest(string.Create(CultureInfo.InvariantCulture, $"{response.Request.Method} {response.Url} → {response.Status}"));
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>How many times the main frame has navigated (including reloads the page started itself).</summary>
    public int MainFrameNavigations => Volatile.Read(ref _mainFrameNavigations);

    public PageObservations Observations => _observations;

    public int Width { get; private set; }

    /// <summary>True once axe-core is loaded into every document of this context.</summary>
    public bool HasAxe { get; private set; }

    public int Height { get; private set; }

    public bool IsUsable => !Page.IsClosed && Context.Browser is not { IsConnected: false };

    /// <summary>
    /// Opens a context restricted to <paramref name="site"/>'s origin (and <paramref name="extraOrigins"/>) for its
    /// lifetime: a site on another origin needs another page.
    /// </summary>
    public static async Task<SitePage> OpenAsync(PlaywrightBrowserProvider browser, Uri site, int width, int height, IReadOnlyList<string> extraOrigins, TimeProvider time, CancellationToken cancellationToken)
    {
        string[] allowed = [OriginOf(site), .. extraOrigins.Select(o => OriginOf(new Uri(o)))];
        var fence = browser.Fence;
        var context = await browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = width, Height = height },
                ServiceWorkers = ServiceWorkerPolicy.Block,
                AcceptDownloads = false,
                Proxy = fence is null ? null : new Proxy { Server = fence.Server, Bypass = OriginFence.BypassFor(allowed) },
            },
            cancellationToken).ConfigureAwait(false);
        try
        {
            var page = await context.NewPageAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var opened = new SitePage(context, page, allowed, time) { Width = width, Height = height };
            await opened.RestrictAsync(intercept: fence is null).WaitAsync(cancellationToken).ConfigureAwait(false);
            return opened;
        }
        catch
        {
            await context.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts a fresh set of observations (for the next capture on a reused page).</summary>
    public PageObservations StartObserving()
    {
        _observations = new PageObservations();
        return _observations;
    }

    public async Task ResizeAsync(int width, int height)
    {
        if (width != Width || height != Height)
        {
            await Page.SetViewportSizeAsync(width, height).ConfigureAwait(false);
            Width = width;
            Height = height;
        }
    }

    public async Task InstallAxeAsync()
    {
        if (!HasAxe)
        {
            await AxeAudit.InstallAsync(Context).ConfigureAwait(false);
            HasAxe = true;
        }
    }

    /// <summary>The origin this page is restricted to (scheme://host:port, lower case).</summary>
    public string Origin => _allowed[0];

    /// <summary>
    /// Records (and, when <paramref name="intercept"/>, aborts) requests and WebSockets to other origins. Without
    /// interception the context's <see cref="OriginFence"/> proxy makes them fail and the failure records them.
    /// </summary>
    private async Task RestrictAsync(bool intercept)
    {
        // A regex (rather than a callback) keeps allowed requests inside the browser: only foreign requests make
        // the round trip to this process.
        var alternatives = string.Join("|", _allowed.Select(a => Regex.Escape(a.Split("://", 2)[1])));
        if (intercept)
        {
            var foreignHttp = new Regex($"^https?://(?!(?:{alternatives})(?:[/?#]|$))", RegexOptions.IgnoreCase);
            await Context.RouteAsync(foreignHttp, async route =>
            {
                _observations.AddBlockedRequest($"{route.Request.Method} {route.Request.Url}");
                try
                {
                    await route.AbortAsync("blockedbyclient").ConfigureAwait(false);
                }
                catch (PlaywrightException)
                {
                    // The page or context closed while the request was pending.
                }
            }).ConfigureAwait(false);
        }

        var foreignSocket = new Regex($"^wss?://(?!(?:{alternatives})(?:[/?#]|$))", RegexOptions.IgnoreCase);
        await Context.RouteWebSocketAsync(foreignSocket, socket =>
        {
            _observations.AddBlockedRequest("WEBSOCKET " + socket.Url);
            _ = socket.CloseAsync();
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until no request has been in flight for <paramref name="quiet"/>, at most <paramref name="cap"/>.
    /// Returns false when the cap was reached (long polling, streaming, a busy page).
    /// </summary>
    public async Task<bool> WaitForNetworkQuietAsync(TimeSpan quiet, TimeSpan cap, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        var poll = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var wait = poll;
            if (_inFlight.IsEmpty)
            {
                var silent = _time.GetElapsedTime(Interlocked.Read(ref _lastNetworkActivity));
                if (silent >= quiet)
                {
                    return true;
                }

                wait = quiet - silent;
            }

            var left = cap - _time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.Delay(wait < left ? wait : left, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public bool IsSameOrigin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && string.Equals(OriginOf(uri), Origin, StringComparison.OrdinalIgnoreCase);

    private bool IsAllowed(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || _allowed.Contains(OriginOf(uri), StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // The browser is already gone; nothing is left to release.
        }
    }

    public static string OriginOf(Uri url) => url.GetLeftPart(UriPartial.Authority).ToLowerInvariant();

    private void Started(IRequest request)
    {
        _inFlight.TryAdd(request, 0);
        Interlocked.Exchange(ref _lastNetworkActivity, _time.GetTimestamp());
    }

    private void Ended(IRequest request)
    {
        if (_inFlight.TryRemove(request, out _))
        {
            Interlocked.Exchange(ref _lastNetworkActivity, _time.GetTimestamp());
        }
    }
}
