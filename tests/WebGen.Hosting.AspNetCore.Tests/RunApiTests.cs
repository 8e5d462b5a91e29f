using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WebGen.Hosting.Tests;

public sealed class RunApiTests
{
    [Test]
    public async Task A_run_waits_for_the_template_then_streams_its_events_and_a_reconnecting_client_continues_after_Last_Event_ID()
    {
        using var temp = new TempDirectory();
        var template = temp.Combine("template");
        await using var app = await HostedApp.StartAsync(HostedApp.Settings(temp.Combine("runs"), ("WebGen:Sandbox:NodeModulesTemplatePath", template)), a => a.UseOfflineDemo());

        var created = await app.SubmitAsync();
        var id = (string)created["id"]!;
        var eventsUrl = (string)created["eventsUrl"]!;
        Assert.That((string?)created["status"], Is.EqualTo("Queued"), "the run waits while the warm-up installs the template");
        Assert.That(eventsUrl, Is.EqualTo($"/runs/{id}/events"));

        (string Type, string? Id, JsonObject Data) shot;
        await using (var first = await EventStream.OpenAsync(app.Http, eventsUrl))
        {
            var queued = await first.NextAsync();
            Assert.That((queued!.Value.Type, queued.Value.Id), Is.EqualTo(("run-queued", "0")));
            Assert.That((string?)queued.Value.Data["message"], Does.Contain("waiting for a slot"));

            await first.ReadUntilAsync("run-started");
            Assert.That(Path.Combine(template, "node_modules", "vite", "package.json"), Does.Exist, "the run started only once the template was installed");
            shot = await first.ReadUntilAsync("screenshot");
        }

        // A reconnecting EventSource sends the id of the last event it saw and continues right after it.
        await using var resumed = await EventStream.OpenAsync(app.Http, eventsUrl, lastEventId: shot.Id);
        var rest = await resumed.ReadToEndAsync();
        var shotId = int.Parse(shot.Id!, CultureInfo.InvariantCulture);
        Assert.That(rest.Select(e => e.Id), Is.EqualTo(Enumerable.Range(shotId + 1, rest.Count).Select(i => i.ToString(CultureInfo.InvariantCulture))), "no event lost or repeated");
        Assert.That(rest[^1].Type, Is.EqualTo("run-completed"));
        Assert.That(rest.Select(e => e.Type), Does.Contain("gui-test"));

        var screenshotUrl = (string)shot.Data["screenshotUrl"]!;
        Assert.That(screenshotUrl, Is.EqualTo($"/runs/{id}/steps/{(int)shot.Data["step"]!}/screenshot.png"));
        using (var png = await app.Http.GetAsync(new Uri(screenshotUrl.TrimStart('/'), UriKind.Relative)))
        {
            Assert.That(png.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
            var bytes = await png.Content.ReadAsByteArrayAsync();
            Assert.That(bytes[1..4], Is.EqualTo("PNG"u8.ToArray()));
            Assert.That(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), Is.EqualTo(1024), "the 1024 px viewport");
        }

        var summary = (await app.GetJsonAsync($"runs/{id}")).AsObject();
        Assert.That((string?)summary["status"], Is.EqualTo("Completed"));
        Assert.That((string?)summary["stopReason"], Is.EqualTo("Finished"));
        Assert.That((int?)summary["chosenStep"], Is.EqualTo((int?)rest[^1].Data["chosenStep"]));
        Assert.That(summary["screenshots"]!.AsArray().Select(s => (string?)s), Does.Contain(screenshotUrl));
        Assert.That((bool?)summary["resumable"], Is.False);
        var files = (await app.GetJsonAsync((string)summary["filesUrl"]!)).AsArray();
        Assert.That(files.Select(f => (string?)f!["path"]), Does.Contain("package.json").And.Contain("index.html"));

        Assert.That((await app.GetJsonAsync("runs")).AsArray().Select(r => (string?)r!["id"]), Is.EqualTo(new[] { id }));
        Assert.That((await app.GetJsonAsync("runs?status=Running")).AsArray(), Is.Empty);

        var health = (await app.GetJsonAsync("health")).AsObject();
        Assert.That((string?)health["status"], Is.EqualTo("Healthy"), health.ToJsonString());
        Assert.That((string?)health["entries"]![WebGenHealthChecks.Chromium]!["description"], Does.StartWith("Chromium "));
        Assert.That((string?)health["entries"]![WebGenHealthChecks.Node]!["description"], Does.Match(@"^node v\d+\.\d+\.\d+, npm \d+"));
        Assert.That((string?)health["entries"]![WebGenHealthChecks.Isolation]!["description"], Does.Contain("bubblewrap isolation works"));
        Assert.That((string?)health["entries"]![WebGenHealthChecks.Slots]!["description"], Is.EqualTo("2 of 2 slots free."));
    }

    [Test]
    public async Task Beyond_the_slots_and_the_queue_a_run_gets_429_and_cancelling_frees_room()
    {
        using var temp = new TempDirectory();
        await using var model = await CodeModels.HangsAsync();
        await using var app = await HostedApp.StartAsync(
            HostedApp.Settings(temp.Combine("runs"), [.. CodeModels.Settings(model), ("WebGen:Hosting:MaxConcurrentRuns", "1"), ("WebGen:Hosting:MaxQueuedRuns", "1"), ("WebGen:Hosting:RetryAfter", "00:00:07"), ("WebGen:Hosting:WarmUpBrowser", "false")]),
            CodeModels.OfflineJudging);

        var running = await app.SubmitAsync("A first site");
        await using var runningEvents = await EventStream.OpenAsync(app.Http, (string)running["eventsUrl"]!);
        await runningEvents.ReadUntilAsync("step-started");
        await WaitUntilAsync(() => model.Calls.Count > 0, "the configured code model is called over HTTP");

        var queued = await app.SubmitAsync("A second site");
        Assert.That((string?)queued["status"], Is.EqualTo("Queued"));

        var (refused, problem) = await app.PostAsync("runs", new { instruction = "A third site" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That((string?)problem["detail"], Does.Contain("1 runs are running and 1 waiting"));

        using (var health = await app.Http.GetAsync(new Uri("health", UriKind.Relative)))
        {
            var report = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;
            Assert.That((string?)report["entries"]![WebGenHealthChecks.Slots]!["status"], Is.EqualTo("Unhealthy"));
            Assert.That((string?)report["entries"]![WebGenHealthChecks.Slots]!["description"], Does.Contain("queue is full"));
        }

        // A queued run stops at once; it never started, so nothing is resumable.
        var (cancelQueued, cancelledQueued) = await app.PostAsync((string)queued["url"]! + "/cancel");
        Assert.That(cancelQueued.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((string?)cancelledQueued["status"], Is.EqualTo("Cancelled"));
        Assert.That((bool?)cancelledQueued["resumable"], Is.False);

        var (cancelRunning, _) = await app.PostAsync((string)running["url"]! + "/cancel");
        Assert.That(cancelRunning.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var last = (await runningEvents.ReadToEndAsync())[^1];
        Assert.That(last.Type, Is.EqualTo("run-cancelled"));
        Assert.That((string?)last.Data["message"], Does.Contain($"cancelled by POST /runs/{running["id"]}/cancel"));
        Assert.That((bool?)last.Data["resumable"], Is.True, "the episode had started, so its run directory can be resumed");

        var (again, againBody) = await app.PostAsync((string)running["url"]! + "/cancel");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), againBody.ToJsonString());

        var next = await app.SubmitAsync("A fourth site");
        await using (var nextEvents = await EventStream.OpenAsync(app.Http, (string)next["eventsUrl"]!))
        {
            await nextEvents.ReadUntilAsync("step-started");
        }

        using (var busy = await app.Http.DeleteAsync(new Uri(((string)next["url"]!).TrimStart('/'), UriKind.Relative)))
        {
            Assert.That(busy.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "an active run is cancelled first, not forgotten");
        }

        using (var forget = await app.Http.DeleteAsync(new Uri(((string)running["url"]!).TrimStart('/'), UriKind.Relative)))
        {
            Assert.That(forget.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        // Forgotten from memory, the run is still found in the runs directory.
        var fromDisk = (await app.GetJsonAsync((string)running["url"]!)).AsObject();
        Assert.That((string?)fromDisk["status"], Is.EqualTo("Cancelled"));
        Assert.That((bool?)fromDisk["resumable"], Is.True);
        Assert.That((int?)fromDisk["events"], Is.Zero);
    }

    [Test]
    public async Task Stopping_the_host_cancels_a_run_after_its_checkpointed_step_and_a_new_host_resumes_it_by_id()
    {
        using var temp = new TempDirectory();
        var runs = temp.Combine("runs");
        string id;
        await using (var model = await CodeModels.WritesOneStepThenHangsAsync())
        {
            var first = await HostedApp.StartAsync(HostedApp.Settings(runs, CodeModels.Settings(model)), CodeModels.OfflineJudging);
            await using (first)
            {
                var created = await first.SubmitAsync();
                id = (string)created["id"]!;
                await using var events = await EventStream.OpenAsync(first.Http, (string)created["eventsUrl"]!);
                var step1 = await events.ReadUntilAsync("step-completed", step: 1);
                Assert.That((bool?)step1.Data["hasError"], Is.False, step1.Data.ToJsonString());
                await events.ReadUntilAsync("step-started", step: 2);

                await first.StopAsync();

                var rest = await events.ReadToEndAsync();
                Assert.That(rest.Select(e => e.Type), Has.All.EqualTo("run-cancelled"), "the stream ended with the run (a stream holding up the shutdown would time out here)");
                var run = first.Queue.Find(id)!;
                Assert.That(run.Completion.IsCompleted, Is.True, "the host waited for the run to stop");
                Assert.That(run.Status, Is.EqualTo(WebGenRunStatus.Cancelled));
                Assert.That(run.IsResumable, Is.True);
                Assert.That(first.Queue.Submit(new WebGenRequest { Instruction = "after the stop" }).Outcome, Is.EqualTo(RunQueueOutcome.ShuttingDown));
            }
        }

        await using var second = await HostedApp.StartAsync(HostedApp.Settings(runs), a => a.UseOfflineDemo());
        var stopped = (await second.GetJsonAsync($"runs/{id}")).AsObject();
        Assert.That((string?)stopped["status"], Is.EqualTo("Cancelled"));
        Assert.That((bool?)stopped["resumable"], Is.True);
        Assert.That((int?)stopped["steps"], Is.EqualTo(1));

        var (resume, resumed) = await second.PostAsync($"runs/{id}/resume");
        Assert.That(resume.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), resumed.ToJsonString());
        await using (var events = await second.OpenEventsAsync(id))
        {
            var all = await events.ReadToEndAsync();
            Assert.That(all[0].Type, Is.EqualTo("run-queued"));
            Assert.That((string?)all.First(e => e.Type == "run-started").Data["message"], Does.Contain("resumed"));
            Assert.That((int?)all.First(e => e.Type == "step-started").Data["step"], Is.EqualTo(2), "step 1 is not redone");
            Assert.That(all[^1].Type, Is.EqualTo("run-completed"));
        }

        var completed = (await second.GetJsonAsync($"runs/{id}")).AsObject();
        Assert.That((string?)completed["status"], Is.EqualTo("Completed"));
        Assert.That((int?)completed["steps"], Is.GreaterThanOrEqualTo(2));

        var (again, problem) = await second.PostAsync($"runs/{id}/resume");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((string?)problem["detail"], Does.Contain("already completed"));
    }

    [Test]
    public async Task Bad_requests_get_problem_responses_that_say_what_to_fix()
    {
        using var temp = new TempDirectory();
        await using var app = await HostedApp.StartAsync(
            HostedApp.Settings(temp.Combine("runs"), ("WebGen:Hosting:MaxInstructionLength", "40"), ("WebGen:Hosting:WarmUpBrowser", "false")),
            a => a.UseOfflineDemo());

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
        var runId = await ExpectProblemAsync(await PostRawAsync(app, "{\"instruction\": \"a todo app\", \"runId\": \"../escape\"}", "application/json"), HttpStatusCode.BadRequest, "errors");
        Assert.That(runId["errors"]!["runId"]![0]!.ToString(), Does.Contain("only letters, digits"));

        foreach (var path in new[] { "runs/nope", "runs/nope/events", "runs/nope/steps/1/screenshot.png", "runs/nope/files", "runs/..%2F..%2Fetc" })
        {
            using var response = await app.Http.GetAsync(new Uri(path, UriKind.Relative));
            await ExpectProblemAsync(response, HttpStatusCode.NotFound, "");
        }

        await ExpectProblemAsync((await app.PostAsync("runs/nope/cancel")).Response, HttpStatusCode.NotFound, "No run has id 'nope'");
        await ExpectProblemAsync((await app.PostAsync("runs/nope/resume")).Response, HttpStatusCode.NotFound, "No run has id 'nope'");
        await ExpectProblemAsync(await app.Http.DeleteAsync(new Uri("runs/nope", UriKind.Relative)), HttpStatusCode.NotFound, "No run has id 'nope'");
        Assert.That(Directory.Exists(temp.Combine("runs")), Is.False, "no bad request started a run");
    }

    [Test]
    public async Task Health_checks_say_what_is_missing()
    {
        using var temp = new TempDirectory();
        await using var app = await HostedApp.StartAsync(
            HostedApp.Settings(temp.Combine("runs"), ("WebGen:Browser:ExecutablePath", temp.Combine("no-chromium")), ("WebGen:Sandbox:Isolation", "None")),
            a => a.UseOfflineDemo());

        using var response = await app.Http.GetAsync(new Uri("health", UriKind.Relative));
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), report.ToJsonString());
        Assert.That((string?)report["entries"]![WebGenHealthChecks.Chromium]!["status"], Is.EqualTo("Unhealthy"));
        Assert.That((string?)report["entries"]![WebGenHealthChecks.Chromium]!["description"], Does.Contain("no file exists there"));
        Assert.That((string?)report["entries"]![WebGenHealthChecks.Isolation]!["status"], Is.EqualTo("Degraded"));
        Assert.That((string?)report["entries"]![WebGenHealthChecks.Isolation]!["description"], Does.Contain("Isolation is off"));
        Assert.That((string?)report["entries"]![WebGenHealthChecks.Node]!["status"], Is.EqualTo("Healthy"));
        Assert.That(report["entries"]![WebGenHealthChecks.Slots]!["tags"]!.AsArray().Select(t => (string?)t), Is.EqualTo(new[] { WebGenHealthChecks.Tag }));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "timed out waiting until " + what);
            await Task.Delay(50);
        }
    }

    private static Task<HttpResponseMessage> PostRawAsync(HostedApp app, string body, string mediaType) =>
        app.Http.PostAsync(new Uri("runs", UriKind.Relative), new StringContent(body, Encoding.UTF8, mediaType));

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
}
