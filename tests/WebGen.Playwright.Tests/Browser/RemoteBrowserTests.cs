using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using WebGen.Testing;

namespace WebGen.Playwright.Tests.Browser;

public sealed partial class RemoteBrowserTests
{
    [Test]
    public async Task Connects_to_a_remote_browser_over_cdp_instead_of_launching_one()
    {
        var profile = Directory.CreateTempSubdirectory("webgen-remote-chromium-").FullName;
        var start = new ProcessStartInfo("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var chromium = Process.Start(start)!;
        try
        {
            var endpoint = await ReadDevToolsEndpointAsync(chromium);

            // Keep draining both pipes so Chromium never blocks writing its logs.
            _ = chromium.StandardError.ReadToEndAsync();
            _ = chromium.StandardOutput.ReadToEndAsync();
            await using var provider = new PlaywrightBrowserProvider(Options.Create(new PlaywrightBrowserOptions { RemoteEndpoint = endpoint, ConnectOverCdp = true }));
            await using var other = await StaticSiteServer.StartAsync(new Dictionary<string, string> { ["/secret.json"] = "{}" });
            await using var site = await StaticSiteServer.StartAsync(new Dictionary<string, string>
            {
                ["/index.html"] = $"<!doctype html><title>Remote</title><h1>Served to a remote browser</h1><script>fetch('{other.Url("/secret.json")}').catch(() => document.title = 'blocked');</script>",
            });
            await using var capturer = new PlaywrightPageCapturer(provider);

            var capture = await capturer.CaptureAsync(new PageCaptureRequest { Url = site.BaseUrl, AuditAccessibility = false });

            Assert.That(capture.Succeeded, Is.True, capture.Failure);
            Assert.That(capture.VisibleText, Does.Contain("Served to a remote browser"));

            // A remote browser cannot reach this machine's origin fence: its requests to other origins are intercepted.
            Assert.That(capture.Title, Is.EqualTo("blocked"));
            Assert.That(capture.BlockedRequests, Has.Some.Contains(other.Url("/secret.json").ToString()));
            Assert.That(other.RequestedPaths, Is.Empty);
            Assert.That(provider.ExecutablePath, Is.Null, "nothing was launched locally");
            Assert.That(provider.LaunchCount, Is.EqualTo(1));
        }
        finally
        {
            chromium.Kill(entireProcessTree: true);
            await chromium.WaitForExitAsync();
            Directory.Delete(profile, recursive: true);
        }
    }

    private static async Task<Uri> ReadDevToolsEndpointAsync(Process chromium)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await chromium.StandardError.ReadLineAsync(cts.Token) is { } line)
        {
            var match = DevToolsLine().Match(line);
            if (match.Success)
            {
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new AssertionException("Chromium exited without printing its DevTools endpoint.");
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
