using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebGen.Testing;

/// <summary>
/// A real HTTP server on 127.0.0.1 serving in-memory files, for browser tests: pages are registered by
/// path, can be replaced while the server runs, and every request path is recorded.
/// </summary>
public sealed class StaticSiteServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, StaticFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();

    private StaticSiteServer(WebApplication app) => _app = app;

    /// <summary>The server's origin, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request path received (with query), in arrival order.</summary>
    public IReadOnlyList<string> RequestedPaths => [.. _requests];

    /// <summary>Starts a server with <paramref name="files"/> (path such as <c>/index.html</c> → content).</summary>
    /// <param name="files">The initial files; <c>/</c> serves <c>/index.html</c>.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<StaticSiteServer> StartAsync(IReadOnlyDictionary<string, string>? files = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new StaticSiteServer(app);
        foreach (var (path, content) in files ?? new Dictionary<string, string>())
        {
            server.SetFile(path, content);
        }

        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Adds or replaces a file.</summary>
    /// <param name="path">The path, starting with <c>/</c>.</param>
    /// <param name="content">The body.</param>
    /// <param name="statusCode">The HTTP status to answer with.</param>
    /// <param name="contentType">The media type; guessed from the extension when null.</param>
    /// <param name="delay">How long to wait before answering (a slow API).</param>
    /// <param name="cacheControl">The <c>Cache-Control</c> header; <c>no-store</c> when null.</param>
    public void SetFile(string path, string content, int statusCode = 200, string? contentType = null, TimeSpan? delay = null, string? cacheControl = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(content);
        _files[path] = new StaticFile(Encoding.UTF8.GetBytes(content), statusCode, contentType ?? Guess(path), delay ?? TimeSpan.Zero, cacheControl ?? "no-store");
    }

    /// <summary>The absolute address of <paramref name="path"/> on this server.</summary>
    /// <param name="path">A path such as <c>/form.html</c>.</param>
    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(cts.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _requests.Enqueue(path + context.Request.QueryString);
        if (!_files.TryGetValue(path, out var file) && !(path == "/" && _files.TryGetValue("/index.html", out file)))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("Not found: " + path, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (file.Delay > TimeSpan.Zero)
        {
            await Task.Delay(file.Delay, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.StatusCode = file.StatusCode;
        context.Response.ContentType = file.ContentType;
        context.Response.Headers.CacheControl = file.CacheControl;
        await context.Response.Body.WriteAsync(file.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Guess(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" or "" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" => "application/json",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };

    private sealed record class StaticFile(byte[] Body, int StatusCode, string ContentType, TimeSpan Delay, string CacheControl);
}
