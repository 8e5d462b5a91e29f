using System.Diagnostics;
using Microsoft.Extensions.Options;
using WebGen.Testing;

namespace WebGen.Playwright.Tests.Browser;

public sealed class PlaywrightBrowserProviderTests
{
    [Test]
    public async Task Launches_lazily_once_and_shares_the_browser()
    {
        await using var provider = new PlaywrightBrowserProvider();

        Assert.That(provider.LaunchCount, Is.Zero, "nothing is launched before it is needed");
        var first = await provider.GetBrowserAsync();
        var second = await provider.GetBrowserAsync();

        Assert.That(second, Is.SameAs(first));
        Assert.That(provider.LaunchCount, Is.EqualTo(1));
        Assert.That(provider.ExecutablePath, Is.Not.Null.And.Contains("chromium"));
    }

    [Test]
    public async Task A_missing_explicit_executable_fails_with_a_clear_error()
    {
        await using var provider = new PlaywrightBrowserProvider(Options.Create(new PlaywrightBrowserOptions { ExecutablePath = "/nonexistent/chromium" }));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetBrowserAsync());

        Assert.That(ex!.Message, Does.Contain("/nonexistent/chromium").And.Contain("no file exists there"));
    }

    [Test]
    public async Task A_crashed_browser_is_relaunched_and_captures_go_on()
    {
        var marker = "--webgen-test-" + Guid.NewGuid().ToString("N");
        var options = new PlaywrightBrowserOptions();
        options.AdditionalArgs.Add(marker);
        await using var provider = new PlaywrightBrowserProvider(Options.Create(options));
        await using var site = await StaticSiteServer.StartAsync(new Dictionary<string, string> { ["/index.html"] = "<!doctype html><title>Alive</title><h1>Alive</h1>" });
        await using var capturer = new PlaywrightPageCapturer(provider);
        var before = await capturer.CaptureAsync(new PageCaptureRequest { Url = site.BaseUrl, AuditAccessibility = false });

        KillBrowser(marker);
        var after = await capturer.CaptureAsync(new PageCaptureRequest { Url = site.BaseUrl, AuditAccessibility = false });

        Assert.That(before.Succeeded, Is.True, before.Failure);
        Assert.That(after.Succeeded, Is.True, after.Failure);
        Assert.That(after.Title, Is.EqualTo("Alive"));
        Assert.That(provider.LaunchCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Disposing_closes_the_browser_process()
    {
        var marker = "--webgen-test-" + Guid.NewGuid().ToString("N");
        var options = new PlaywrightBrowserOptions();
        options.AdditionalArgs.Add(marker);
        var provider = new PlaywrightBrowserProvider(Options.Create(options));
        await provider.GetBrowserAsync();
        Assert.That(BrowserProcesses(marker), Is.Not.Empty);

        await provider.DisposeAsync();

        Assert.That(await WaitUntilAsync(() => BrowserProcesses(marker).Count == 0), Is.True, "no browser process is left behind");
        Assert.That(() => provider.GetBrowserAsync(), Throws.InstanceOf<ObjectDisposedException>());
    }

    private static void KillBrowser(string marker)
    {
        var main = BrowserProcesses(marker).Where(p => !p.CommandLine.Contains("--type=", StringComparison.Ordinal)).ToList();
        Assert.That(main, Is.Not.Empty, "the test browser's main process was found");
        foreach (var (pid, _) in main)
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(10_000);
        }
    }

    private static List<(int Pid, string CommandLine)> BrowserProcesses(string marker)
    {
        var found = new List<(int, string)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(marker, StringComparison.Ordinal))
                {
                    found.Add((pid, cmdline));
                }
            }
            catch (IOException)
            {
                // The process ended while being listed.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return condition();
    }
}
