namespace WebGen.Playwright.Tests.Browser;

public sealed class ChromiumLocatorTests
{
    private static ChromiumLocator Locator(Dictionary<string, string>? env = null, string[]? files = null, string[]? dirs = null) => new(
        name => env is not null && env.TryGetValue(name, out var v) ? v : null,
        path => files?.Contains(path) ?? false,
        parent => (dirs ?? []).Where(d => Path.GetDirectoryName(d) == parent),
        "/home/tester");

    [Test]
    public void Explicit_option_wins_over_everything_else()
    {
        var locator = Locator(new() { ["PLAYWRIGHT_CHROMIUM_EXECUTABLE"] = "/opt/env/chrome" }, ["/opt/mine/chrome", "/opt/env/chrome", "/usr/bin/chromium"]);

        Assert.That(locator.Locate("/opt/mine/chrome").Path, Is.EqualTo("/opt/mine/chrome"));
    }

    [Test]
    public void Environment_variable_comes_before_the_system_package()
    {
        var locator = Locator(new() { ["PLAYWRIGHT_CHROMIUM_EXECUTABLE"] = "/opt/env/chrome" }, ["/opt/env/chrome", "/usr/bin/chromium"]);

        Assert.That(locator.Locate(null), Is.EqualTo(new ChromiumLocation("/opt/env/chrome", "PLAYWRIGHT_CHROMIUM_EXECUTABLE")));
    }

    [TestCase("/usr/bin/chromium")]
    [TestCase("/usr/bin/chromium-browser")]
    public void System_chromium_is_found(string path)
    {
        Assert.That(Locator(files: [path]).Locate(null).Path, Is.EqualTo(path));
    }

    [Test]
    public void Chromium_on_path_is_found()
    {
        var locator = Locator(new() { ["PATH"] = "/usr/local/bin:/snap/bin" }, ["/snap/bin/chromium-browser"]);

        Assert.That(locator.Locate(null).Path, Is.EqualTo("/snap/bin/chromium-browser"));
    }

    [Test]
    public void Playwrights_newest_downloaded_chromium_is_the_last_resort()
    {
        var cache = "/home/tester/.cache/ms-playwright";
        var locator = Locator(
            files: [$"{cache}/chromium-1100/chrome-linux/chrome", $"{cache}/chromium-1200/chrome-linux64/chrome", $"{cache}/chromium_headless_shell-1300/chrome-linux/headless_shell"],
            dirs: [$"{cache}/chromium-1100", $"{cache}/chromium-1200", $"{cache}/chromium_headless_shell-1300", $"{cache}/firefox-1000"]);

        Assert.That(locator.Locate(null).Path, Is.EqualTo($"{cache}/chromium-1200/chrome-linux64/chrome"));
    }

    [Test]
    public void Nothing_found_names_every_place_searched_and_what_to_do()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Locator().Locate(null));

        Assert.That(ex!.Message, Is.EqualTo(
            "No Chromium executable was found. Searched, in order: (1) PlaywrightBrowserOptions.ExecutablePath: not set; "
            + "(2) the PLAYWRIGHT_CHROMIUM_EXECUTABLE environment variable: not set; "
            + "(3) /usr/bin/chromium, /usr/bin/chromium-browser, and chromium or chromium-browser on PATH: not found; "
            + "(4) Playwright's installed browsers in /home/tester/.cache/ms-playwright: none. "
            + "Install Chromium (Debian/Ubuntu: apt-get install chromium), point PLAYWRIGHT_CHROMIUM_EXECUTABLE or "
            + "PlaywrightBrowserOptions.ExecutablePath at a Chromium binary, or set PlaywrightBrowserOptions.RemoteEndpoint to use a remote browser."));
    }

    [Test]
    public void A_wrong_explicit_path_is_an_error_not_a_silent_fallback()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Locator(files: ["/usr/bin/chromium"]).Locate("/opt/typo/chrome"));

        Assert.That(ex!.Message, Does.Contain("'/opt/typo/chrome'").And.Contain("no file exists there"));
    }

    [Test]
    public void A_wrong_environment_path_is_an_error_too()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Locator(new() { ["PLAYWRIGHT_CHROMIUM_EXECUTABLE"] = "/nope" }, ["/usr/bin/chromium"]).Locate(null));

        Assert.That(ex!.Message, Does.Contain("PLAYWRIGHT_CHROMIUM_EXECUTABLE environment variable is set to '/nope'"));
    }
}
