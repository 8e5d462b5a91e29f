using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace WebGen.Playwright;

/// <summary>
/// The process-wide browser: launched (or connected) lazily on first use, shared by every capture and
/// GUI test, and relaunched transparently when it crashes or disconnects. Isolation between episodes
/// comes from a fresh browser context each, not from a browser each: launching costs about a second,
/// a context a fraction of that.
/// </summary>
public sealed partial class PlaywrightBrowserProvider : IAsyncDisposable
{
    private readonly PlaywrightBrowserOptions _options;
    private readonly ILogger _logger;
    private readonly ChromiumLocator _locator;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _launches;
    private bool _disposed;
    private readonly Lazy<OriginFence?> _fence;

    /// <summary>Creates the provider; nothing is launched until a browser is first needed.</summary>
    /// <param name="options">Where the browser comes from; defaults when null.</param>
    /// <param name="logger">Logs launches, crashes and relaunches.</param>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public PlaywrightBrowserProvider(IOptions<PlaywrightBrowserOptions>? options = null, ILogger<PlaywrightBrowserProvider>? logger = null)
        : this(options?.Value ?? new PlaywrightBrowserOptions(), ChromiumLocator.System, logger)
    {
    }

    internal PlaywrightBrowserProvider(PlaywrightBrowserOptions options, ChromiumLocator locator, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = PlaywrightOptionsValidator.Validated(options);
        _fence = new(() => options.RemoteEndpoint is null ? new OriginFence() : null, LazyThreadSafetyMode.ExecutionAndPublication);
        _locator = locator;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>How many times a browser was launched or connected (more than 1 means it was replaced after a crash).</summary>
    public int LaunchCount => Volatile.Read(ref _launches);

    /// <summary>The Chromium binary in use, once launched; null before that and for remote browsers.</summary>
    public string? ExecutablePath { get; private set; }

    /// <summary>Returns the shared browser, launching or reconnecting it when there is none or it died.</summary>
    /// <param name="cancellationToken">Stops waiting (a launch in progress completes in the background).</param>
    /// <exception cref="InvalidOperationException">No Chromium was found, or it could not be launched.</exception>
    public async Task<IBrowser> GetBrowserAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var current = _browser;
        if (current is { IsConnected: true })
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            if (_browser is not null)
            {
                LogReplacingBrowser(_logger);
                await CloseQuietlyAsync(_browser).ConfigureAwait(false);
                _browser = null;
            }

            _playwright ??= await Microsoft.Playwright.Playwright.CreateAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var browser = await StartAsync(_playwright).WaitAsync(cancellationToken).ConfigureAwait(false);
            browser.Disconnected += (_, _) =>
            {
                if (!_disposed)
                {
                    LogBrowserDisconnected(_logger);
                }
            };
            _browser = browser;
            Interlocked.Increment(ref _launches);
            PlaywrightTelemetry.BrowserLaunches.Add(1);
            return browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Creates an isolated browser context (own cookies, storage and cache). When the browser died since
    /// it was last used, it is relaunched and the context created on the new one.
    /// </summary>
    /// <param name="options">Context options (viewport, locale…).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var browser = await GetBrowserAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await browser.NewContextAsync(options).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PlaywrightException) when (attempt == 1 && !browser.IsConnected)
            {
                // The browser crashed between the check and the call: the next round relaunches it.
            }
        }
    }

    /// <summary>
    /// The proxy that keeps contexts of a browser launched here on their allowed origins; null for a remote browser,
    /// which cannot reach this machine's loopback (its contexts are restricted by request interception instead).
    /// </summary>
    internal OriginFence? Fence
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _fence.Value;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_browser is not null)
            {
                await CloseQuietlyAsync(_browser).ConfigureAwait(false);
                _browser = null;
            }

            _playwright?.Dispose();
            _playwright = null;
            if (_fence.IsValueCreated)
            {
                _fence.Value?.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IBrowser> StartAsync(IPlaywright playwright)
    {
        var timeout = (float)_options.LaunchTimeout.TotalMilliseconds;
        if (_options.RemoteEndpoint is { } endpoint)
        {
            LogConnecting(_logger, endpoint);
            return _options.ConnectOverCdp
                ? await playwright.Chromium.ConnectOverCDPAsync(endpoint.ToString(), new() { Timeout = timeout }).ConfigureAwait(false)
                : await playwright.Chromium.ConnectAsync(endpoint.ToString(), new() { Timeout = timeout, ExposeNetwork = _options.RemoteExposeNetwork }).ConfigureAwait(false);
        }

        var location = _locator.Locate(_options.ExecutablePath);
        ExecutablePath = location.Path;
        LogLaunching(_logger, location.Path, location.Source);
        try
        {
            return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = location.Path,
                Headless = _options.Headless,
                Args = [.. PlaywrightBrowserOptions.DefaultArgs, .. _options.AdditionalArgs],
                Timeout = timeout,
            }).ConfigureAwait(false);
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException(
                $"Chromium at '{location.Path}' (found via {location.Source}) could not be launched: {ex.Message.Split('\n')[0]} "
                + "Check that it runs (`chromium --headless --version`), or point PlaywrightBrowserOptions.ExecutablePath at another build.",
                ex);
        }
    }

    private async Task CloseQuietlyAsync(IBrowser browser)
    {
        try
        {
            await browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            LogCloseFailed(_logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Launching Chromium {Path} (found via {Source})")]
    private static partial void LogLaunching(ILogger logger, string path, string source);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Connecting to the remote browser at {Endpoint}")]
    private static partial void LogConnecting(ILogger logger, Uri endpoint);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The browser disconnected (crashed or closed); it will be relaunched on next use")]
    private static partial void LogBrowserDisconnected(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Replacing the disconnected browser")]
    private static partial void LogReplacingBrowser(ILogger logger);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Closing the browser failed: {Message}")]
    private static partial void LogCloseFailed(ILogger logger, string message);
}
