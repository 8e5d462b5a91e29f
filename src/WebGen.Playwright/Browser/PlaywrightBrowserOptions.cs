using System.ComponentModel.DataAnnotations;

namespace WebGen.Playwright;

/// <summary>How WebGen.Playwright gets its shared browser: a local Chromium it launches, or a remote one it connects to.</summary>
public sealed class PlaywrightBrowserOptions
{
    /// <summary>The arguments every launched Chromium gets: quiet, no calls home, no GPU (headless servers have none).</summary>
    public static readonly IReadOnlyList<string> DefaultArgs =
    [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-gpu",
    ];

    /// <summary>
    /// The Chromium binary to launch. When null the binary is searched: the
    /// <c>PLAYWRIGHT_CHROMIUM_EXECUTABLE</c> environment variable, <c>/usr/bin/chromium</c>,
    /// <c>/usr/bin/chromium-browser</c> (and those names on PATH), then Playwright's installed browsers.
    /// </summary>
    public string? ExecutablePath { get; set; }

    /// <summary>
    /// A remote browser to connect to instead of launching one: a Playwright server
    /// (<c>ws://host:port/…</c>, started with <c>playwright run-server</c>) or, with
    /// <see cref="ConnectOverCdp"/>, a Chromium DevTools endpoint.
    /// </summary>
    public Uri? RemoteEndpoint { get; set; }

    /// <summary>Connect to <see cref="RemoteEndpoint"/> over the Chrome DevTools Protocol instead of the Playwright protocol.</summary>
    public bool ConnectOverCdp { get; set; }

    /// <summary>
    /// What a remote Playwright server may reach through this machine's network. Default
    /// <c>&lt;loopback&gt;</c>, so a remote browser can open sites served on this machine's 127.0.0.1.
    /// </summary>
    public string? RemoteExposeNetwork { get; set; } = "<loopback>";

    /// <summary>Run the launched browser without a window. Default true.</summary>
    public bool Headless { get; set; } = true;

    /// <summary>Longest wait for the browser to launch or connect. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LaunchTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Arguments added after <see cref="DefaultArgs"/>.</summary>
    public IList<string> AdditionalArgs { get; } = [];
}
