using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using WebGen.Playwright;
using WebGen.Samples.AspNetEmbedding;

namespace WebGen.Samples.Tests;

public sealed partial class AspNetEmbeddingTests
{
    [Test]
    public async Task The_page_starts_an_offline_generation_and_shows_its_screenshots_grades_and_result_in_Chromium()
    {
        using var temp = new TempDirectory();
        await using var app = await EmbeddingApp.StartAsync(temp.Combine("runs"), agent => agent.UseOfflineDemo());
        await using var browser = new PlaywrightBrowserProvider();
        var context = await browser.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, m) =>
            {
                if (m.Type == "error")
                {
                    errors.Add(m.Text);
                }
            };
            page.PageError += (_, e) => errors.Add(e);

            await page.GotoAsync(app.BaseAddress.AbsoluteUri);
            await page.FillAsync("#key", EmbeddingApp.AccessKey);
            await page.FillAsync("#instruction", "Please implement a website for a plant nursery that lists its plants and lets visitors reserve one. Set the background color to white and the component color to forest green.");
            await page.ClickAsync("#start");

            // The screenshot arrives through the event stream as a link, and the browser loads it.
            var shot = page.Locator("img.shot").First;
            await page.WaitForFunctionAsync(
                "() => [...document.querySelectorAll('img.shot')].some(i => i.complete && i.naturalWidth > 0)",
                null,
                new PageWaitForFunctionOptions { Timeout = 180_000 });
            var width = await shot.EvaluateAsync<int>("i => i.naturalWidth");
            var source = await shot.GetAttributeAsync("src");
            Assert.That(width, Is.EqualTo(1024), "the screenshot is the 1024 px wide viewport");
            var id = ScreenshotSource().Match(source ?? "") is { Success: true } match ? match.Groups[1].Value : throw new AssertionException("unexpected screenshot URL " + source);

            await page.Locator("#result:not([hidden])").WaitForAsync(new LocatorWaitForOptions { Timeout = 180_000 });
            using (await app.SignInAsync())
            {
            }

            var summary = await app.GetJsonAsync($"/runs/{id}");
            Assert.That((string?)summary["status"], Is.EqualTo("Completed"));
            var chosen = (int)summary["chosenStep"]!;
            Assert.That(await page.InnerTextAsync("#result h2"), Does.StartWith($"Result: step {chosen}"));
            Assert.That(await page.InnerTextAsync("#result p"), Is.EqualTo((string?)summary["selectionReason"]));
            Assert.That(await page.InnerTextAsync(".step[data-step='1'] .meta"), Does.Match(@"^Code · screenshot \d/5 · GUI \d/5$"));
            Assert.That(await page.InnerTextAsync(".step[data-step='1'] .log"), Does.Contain("judge: ").And.Contain("blank-page 1.00"));
            Assert.That(await page.InnerTextAsync("#status"), Is.EqualTo("Done."));
            Assert.That(errors, Is.Empty);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Test]
    public async Task The_run_API_is_protected_by_the_apps_own_authentication()
    {
        using var temp = new TempDirectory();
        await using var app = await EmbeddingApp.StartAsync(temp.Combine("runs"), agent => agent.UseOfflineDemo().UseCodeModel(EmbeddingApp.HangingModel()), "--WebGen:Hosting:WarmUpBrowser=false");

        var (anonymous, _) = await app.PostAsync("runs", new { instruction = "A todo app" });
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using (var list = await app.Http.GetAsync(new Uri("runs", UriKind.Relative)))
        {
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using (var health = await app.Http.GetAsync(new Uri("health", UriKind.Relative)))
        {
            Assert.That(health.StatusCode, Is.Not.EqualTo(HttpStatusCode.Unauthorized), "probes stay anonymous");
        }

        using (var wrong = await app.SignInAsync("not-the-key"))
        {
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrong.Headers.Contains("Set-Cookie"), Is.False);
        }

        using (var signedIn = await app.SignInAsync())
        {
            Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(string.Join(";", signedIn.Headers.GetValues("Set-Cookie")), Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
        }

        var (created, run) = await app.PostAsync("runs", new { instruction = "A todo app" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), run.ToJsonString());
        await using var events = await EventStream.OpenAsync(app.Http, (string)run["eventsUrl"]!);
        await events.ReadUntilAsync("step-started");
        var (cancelled, _) = await app.PostAsync((string)run["url"]! + "/cancel", new { });
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await events.ReadUntilAsync("run-cancelled");
    }

    [Test]
    public async Task Invalid_limits_fail_at_start_up_and_name_the_option()
    {
        using var temp = new TempDirectory();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => EmbeddingApp.StartAsync(temp.Combine("runs"), agent => agent.UseOfflineDemo(), "--WebGen:Hosting:MaxConcurrentRuns=0"));

        Assert.That(ex!.Message, Does.Contain("MaxConcurrentRuns"));
    }

    [GeneratedRegex(@"^/runs/([0-9a-f]+)/steps/\d+/screenshot\.png$")]
    private static partial Regex ScreenshotSource();
}
