using WebGen.Playwright;

namespace WebGen.Playwright.Tests;

/// <summary>One real Chromium for the whole test run, found by the same discovery users get.</summary>
[SetUpFixture]
public sealed class BrowserFixture
{
    public static PlaywrightBrowserProvider Browser { get; private set; } = null!;

    [OneTimeSetUp]
    public void Start() => Browser = new PlaywrightBrowserProvider();

    [OneTimeTearDown]
    public async Task Stop() => await Browser.DisposeAsync();
}
