using System.Net;
using System.Text;
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
            var summary = await app.GetJsonAsync($"/generations/{id}");
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
    public async Task Bad_requests_get_problem_responses_that_say_what_to_fix()
    {
        using var temp = new TempDirectory();
        await using var app = await EmbeddingApp.StartAsync(temp.Combine("runs"), agent => agent.UseOfflineDemo(), "--Generations:MaxInstructionLength=40");

        await ExpectProblemAsync(await PostRawAsync(app, "instruction=a+todo+app", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "Content-Type: application/json");
        await ExpectProblemAsync(await PostRawAsync(app, "{\"instruction\": ", "application/json"), HttpStatusCode.BadRequest, "not valid JSON");
        await ExpectProblemAsync(await PostRawAsync(app, "null", "application/json"), HttpStatusCode.BadRequest, "JSON null");
        await ExpectProblemAsync(await PostRawAsync(app, "{\"instruction\": 42}", "application/json"), HttpStatusCode.BadRequest, "$.instruction");

        var blank = await ExpectProblemAsync(await PostRawAsync(app, "{\"instruction\": \"   \"}", "application/json"), HttpStatusCode.BadRequest, "errors");
        Assert.That(blank["errors"]!["instruction"]![0]!.ToString(), Does.Contain("required"));
        var tooLong = await ExpectProblemAsync(await PostRawAsync(app, "{\"instruction\": \"" + new string('a', 41) + "\"}", "application/json"), HttpStatusCode.BadRequest, "errors");
        Assert.That(tooLong["errors"]!["instruction"]![0]!.ToString(), Does.Contain("41 characters; at most 40"));
        var iterations = await ExpectProblemAsync(await PostRawAsync(app, "{\"instruction\": \"a todo app\", \"maxIterations\": 0}", "application/json"), HttpStatusCode.BadRequest, "errors");
        Assert.That(iterations["errors"]!["maxIterations"]![0]!.ToString(), Does.Contain("between 1 and 50 (got 0)"));

        foreach (var path in new[] { "generations/nope", "generations/nope/events", "generations/nope/steps/1/screenshot.png" })
        {
            using var response = await app.Http.GetAsync(new Uri(path, UriKind.Relative));
            await ExpectProblemAsync(response, HttpStatusCode.NotFound, "No generation has id 'nope'");
        }

        using (var delete = await app.Http.DeleteAsync(new Uri("generations/nope", UriKind.Relative)))
        {
            await ExpectProblemAsync(delete, HttpStatusCode.NotFound, "No generation has id 'nope'");
        }

        using (var badRoute = await app.Http.GetAsync(new Uri("generations/nope/steps/first/screenshot.png", UriKind.Relative)))
        {
            await ExpectProblemAsync(badRoute, HttpStatusCode.NotFound, "");
        }

        Assert.That(Directory.Exists(temp.Combine("runs")), Is.False, "no bad request started a run");
    }

    [Test]
    public async Task Delete_cancels_a_running_generation_and_every_subscriber_replays_and_sees_it()
    {
        using var temp = new TempDirectory();
        await using var app = await EmbeddingApp.StartAsync(temp.Combine("runs"), agent => agent.UseOfflineDemo().UseCodeModel(EmbeddingApp.HangingModel()));
        var created = await app.StartGenerationAsync();
        var id = (string)created["id"]!;
        Assert.That((string?)created["eventsUrl"], Is.EqualTo($"/generations/{id}/events"));

        await using var first = await EventStream.OpenAsync(app.Http, (string)created["eventsUrl"]!);
        await first.ReadUntilAsync("step-started");
        Assert.That(first.Seen.Select(e => (e.Type, e.Id)), Is.EqualTo(new[] { ("run-started", "0"), ("step-started", "1") }), "a late subscriber gets the events so far, numbered");

        // A reconnecting EventSource sends the id of the last event it saw and continues after it.
        await using var resumed = await EventStream.OpenAsync(app.Http, (string)created["eventsUrl"]!, lastEventId: "0");
        var next = await resumed.NextAsync();
        Assert.That((next!.Value.Type, next.Value.Id), Is.EqualTo(("step-started", "1")));

        using (var screenshot = await app.Http.GetAsync(new Uri($"generations/{id}/steps/1/screenshot.png", UriKind.Relative)))
        {
            await ExpectProblemAsync(screenshot, HttpStatusCode.NotFound, "has no screenshot (yet)");
        }

        using (var delete = await app.Http.DeleteAsync(new Uri($"generations/{id}", UriKind.Relative)))
        {
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        foreach (var stream in new[] { first, resumed })
        {
            var rest = await stream.ReadToEndAsync();
            Assert.That(rest, Is.Not.Empty);
            Assert.That(rest[^1].Type, Is.EqualTo("run-cancelled"));
            Assert.That((string?)rest[^1].Data["message"], Does.Contain($"cancelled by DELETE /generations/{id}"));
        }

        Assert.That((string?)(await app.GetJsonAsync($"/generations/{id}"))["status"], Is.EqualTo("Cancelled"));
        using (var forget = await app.Http.DeleteAsync(new Uri($"generations/{id}", UriKind.Relative)))
        {
            Assert.That(forget.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "deleting a finished generation forgets it");
        }

        using var gone = await app.Http.GetAsync(new Uri($"generations/{id}", UriKind.Relative));
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Beyond_the_concurrency_limit_a_generation_gets_429_until_a_slot_frees()
    {
        using var temp = new TempDirectory();
        await using var app = await EmbeddingApp.StartAsync(temp.Combine("runs"), agent => agent.UseOfflineDemo().UseCodeModel(EmbeddingApp.HangingModel()), "--Generations:MaxConcurrentGenerations=1");
        var running = await app.StartGenerationAsync();

        var (refused, problem) = await app.PostAsync(new { instruction = "A second site" });

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(refused.Headers.RetryAfter, Is.Not.Null);
        Assert.That((string?)problem["detail"], Does.Contain("1 generations are already running"));

        await using (var events = await EventStream.OpenAsync(app.Http, (string)running["eventsUrl"]!))
        {
            using var delete = await app.Http.DeleteAsync(new Uri($"generations/{running["id"]}", UriKind.Relative));
            await events.ReadUntilAsync("run-cancelled");
        }

        await app.StartGenerationAsync("A third site");
    }

    [Test]
    public async Task Stopping_the_app_cancels_running_generations_and_ends_their_event_streams()
    {
        using var temp = new TempDirectory();
        var app = await EmbeddingApp.StartAsync(temp.Combine("runs"), agent => agent.UseOfflineDemo().UseCodeModel(EmbeddingApp.HangingModel()));
        Generation generation;
        await using (app)
        {
            var created = await app.StartGenerationAsync();
            await using var events = await EventStream.OpenAsync(app.Http, (string)created["eventsUrl"]!);
            await events.ReadUntilAsync("step-started");
            generation = app.Registry.Find((string)created["id"]!)!;

            await app.StopAsync();

            Assert.That(generation.Completion.IsCompleted, Is.True, "the host waited for the run to stop");
            Assert.That(generation.Status, Is.EqualTo(GenerationStatus.Cancelled));
            var rest = await events.ReadToEndAsync();
            Assert.That(rest.Select(e => e.Type), Has.All.EqualTo("run-cancelled"), "the stream ended (a stream holding up the shutdown would time out here)");
            Assert.That(app.Registry.TryStart("after the stop", null, out _), Is.EqualTo(StartOutcome.ShuttingDown));
        }

        var log = new List<GenerationEvent>();
        await foreach (var (_, e) in generation.ReadAsync(0))
        {
            log.Add(e);
        }

        Assert.That(log[^1].Type, Is.EqualTo("run-cancelled"));
        Assert.That(log[^1].Message, Does.Contain("the server is shutting down"));
    }

    [Test]
    public async Task Invalid_limits_fail_at_start_up_and_name_the_option()
    {
        using var temp = new TempDirectory();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => EmbeddingApp.StartAsync(temp.Combine("runs"), agent => agent.UseOfflineDemo(), "--Generations:MaxConcurrentGenerations=0"));

        Assert.That(ex!.Message, Does.Contain("MaxConcurrentGenerations"));
    }

    private static Task<HttpResponseMessage> PostRawAsync(EmbeddingApp app, string body, string mediaType) =>
        app.Http.PostAsync(new Uri("generations", UriKind.Relative), new StringContent(body, Encoding.UTF8, mediaType));

    private static async Task<JsonObject> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(status), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
            var problem = JsonNode.Parse(text)!.AsObject();
            Assert.That((int?)problem["status"], Is.EqualTo((int)status));
            Assert.That((string?)problem["title"], Is.Not.Empty);
            Assert.That(text, Does.Contain(detailContains));
            return problem;
        }
    }

    [GeneratedRegex(@"^/generations/([0-9a-f]+)/steps/\d+/screenshot\.png$")]
    private static partial Regex ScreenshotSource();
}
