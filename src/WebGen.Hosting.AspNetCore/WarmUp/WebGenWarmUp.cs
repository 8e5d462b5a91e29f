using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebGen.Hosting.Diagnostics;
using WebGen.Playwright;
using WebGen.Sandbox;

namespace WebGen.Hosting.WarmUp;

/// <summary>
/// Pays the one-time costs when the app starts instead of in the first run: launches the shared Chromium and installs the
/// sandbox's <c>node_modules</c> template. It runs in the background (the app serves at once); the run queue holds runs
/// until the template is ready, and the Chromium health check reports what the launch found.
/// </summary>
internal sealed class WebGenWarmUp : IHostedService, IDisposable
{
    private readonly IServiceProvider _services;
    private readonly WebGenHostingOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _runsMayStart = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _work = Task.CompletedTask;

    public WebGenWarmUp(IServiceProvider services, IOptions<WebGenHostingOptions> options, ILogger<WebGenWarmUp> logger)
    {
        _services = services;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Completes when runs may start: the template is prepared (or needs no preparing), or the host is stopping.</summary>
    public Task RunsMayStart => _runsMayStart.Task;

    /// <summary>The browser launch: null before it finished (or when not warmed up), else the failure or null for success.</summary>
    public BrowserWarmUp? Browser { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _work = Task.Run(() => WarmUpAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _runsMayStart.TrySetResult();
        await _work.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var browser = _options.WarmUpBrowser ? LaunchBrowserAsync(cancellationToken) : Task.CompletedTask;
        try
        {
            await PrepareTemplateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _runsMayStart.TrySetResult();
        }

        await browser.ConfigureAwait(false);
    }

    private async Task LaunchBrowserAsync(CancellationToken cancellationToken)
    {
        if (_services.GetService<PlaywrightBrowserProvider>() is not { } provider)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await provider.GetBrowserAsync(cancellationToken).ConfigureAwait(false);
            Browser = new BrowserWarmUp(null);
            var milliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Log.BrowserWarmedUp(_logger, milliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failed launch is reported by the health check; runs retry it at their first screenshot.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Browser = new BrowserWarmUp(ex.Message);
            Log.BrowserWarmUpFailed(_logger, ex);
        }
    }

    private async Task PrepareTemplateAsync(CancellationToken cancellationToken)
    {
        if (!_options.PrepareTemplate
            || _services.GetService<ISandbox>() is not LocalNodeSandbox sandbox
            || _services.GetService<IOptions<LocalSandboxOptions>>()?.Value.NodeModulesTemplatePath is not { } path)
        {
            return;
        }

        try
        {
            var result = await sandbox.PrepareTemplateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            Log.TemplatePrepared(_logger, path, result.Status, (long)result.Duration.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Sites still install without a template, only slower.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.TemplateFailed(_logger, path, ex);
        }
    }
}

/// <summary>How the warm-up's browser launch went.</summary>
/// <param name="Failure">Why it failed; null when Chromium runs.</param>
internal sealed record BrowserWarmUp(string? Failure);
