using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WebGen.Testing;

namespace WebGen.Docs.Tests;

/// <summary>
/// The guide's unit-test stage end to end: a scripted code model over the OpenAI protocol writes a site whose own
/// test fails, then fixes it; the local sandbox runs <c>npm test</c> (node's test runner), real Chromium screenshots
/// the page, and the check reaches the feedback, the step's error flag, the event stream and the reward.
/// </summary>
public sealed class ProjectTestsStageTests
{
    private const string Instruction = "A page that shows the sum of two and two.";

    [Test]
    public async Task Failing_project_tests_reach_the_model_the_error_flag_and_the_reward_and_the_fix_clears_them()
    {
        using var temp = new TempDirectory();
        await using var server = await OpenAICompatibleServer.StartAsync(call => ScriptedReply.Text(Answer(call)));
        var services = new ServiceCollection().AddLogging();
        var agent = services.AddWebGenAgent(o => o.RunsDirectory = temp.Combine("runs"))
            .UseCodeModel(server.CreateChatClient())
            .UseLocalSandbox()
            .UsePlaywrightBrowser()
            .UseChatScreenshotJudge();
        Composition.Stages(agent);
        await using var provider = services.BuildServiceProvider();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var events = new List<WebGenEvent>();
        await foreach (var e in provider.GetRequiredService<IWebGenAgent>().RunStreamingAsync(new WebGenRequest { Instruction = Instruction, MaxIterations = 3 }, timeout.Token))
        {
            events.Add(e);
        }

        var result = events.OfType<RunCompletedEvent>().Single().Result;
        var (broken, fixedStep) = (result.Steps[0], result.Steps[1]);
        Assert.That(broken.Sandbox!.IsRunning, Is.True, broken.Sandbox.FailureExcerpt);
        var failed = broken.Checks.Single();
        Assert.That(failed, Has.Property(nameof(StepCheck.Name)).EqualTo(ProjectTestsStage.Name).And.Property(nameof(StepCheck.Passed)).False.And.Property(nameof(StepCheck.Score)).EqualTo(0));
        Assert.That(failed.Summary, Is.EqualTo("1 of 1 tests failed."));
        Assert.That(broken.Node.HasError, Is.True, "a failed check makes the step erroneous even with a good screenshot");
        Assert.That(broken.Node.Errors, Has.Some.StartsWith("unit-tests failed"));
        Assert.That(broken.Feedback, Does.Contain("unit-tests: FAILED").And.Contain("adds two numbers"), "the model reads which test failed");
        Assert.That(broken.Capture!.VisibleText, Does.Contain("2 + 2 = 0"), "the stage ran on the site the screenshot shows");

        Assert.That(fixedStep.Checks.Single(), Has.Property(nameof(StepCheck.Passed)).True.And.Property(nameof(StepCheck.Score)).EqualTo(1));
        Assert.That(fixedStep.Node.HasError, Is.False, string.Join("; ", fixedStep.Node.Errors));
        Assert.That(fixedStep.Capture!.VisibleText, Does.Contain("2 + 2 = 4"));
        Assert.That(events.OfType<CheckCompletedEvent>().Select(e => (e.Step, e.Check.Passed)), Is.EqualTo(new[] { (1, false), (2, true) }));

        var rewards = Composition.StageRewards().ComputeRewards(result.Steps);
        Assert.That(rewards[1].Value - rewards[0].Value, Is.EqualTo(2), "the passing tests earn their weight; both screenshots were graded 4");
        Assert.That(rewards[1].Reason, Does.Contain(ProjectTestsStage.Name));
    }

    private static string Answer(ChatCompletionCall call)
    {
        var system = call.SystemText;
        if (system.Contains("You review screenshots of websites", StringComparison.Ordinal))
        {
            return """{"is_error": false, "error_message": null, "screenshot_description": "A heading with a sum.", "suggestions": ""}""";
        }

        if (system.Contains("You grade the appearance", StringComparison.Ordinal))
        {
            return """{"analysis": "Plain but clear.", "grade": 4}""";
        }

        if (system.Contains("You write test instructions", StringComparison.Ordinal))
        {
            return "<boltAction type=\"gui_agent_test\">Verify the sum is shown.</boltAction>";
        }

        return call.Messages.Count(m => m.Role == "assistant") switch
        {
            0 => Site("a - b"),
            1 => Files(("sum.js", "export function sum(a, b) {\n  return a + b;\n}\n")),
            _ => "<boltAction type=\"finish\"></boltAction>",
        };
    }

    private static string Site(string body) => Files(
        ("package.json", """{ "name": "sum-site", "private": true, "type": "module", "scripts": { "dev": "node server.js", "test": "node --test" } }""" + "\n"),
        ("server.js", """
            import { createServer } from 'node:http';
            import { readFile } from 'node:fs/promises';

            const types = { '/': ['index.html', 'text/html'], '/sum.js': ['sum.js', 'text/javascript'] };
            createServer(async (req, res) => {
              const [file, type] = types[req.url] ?? [];
              if (!file) { res.writeHead(404); res.end(); return; }
              res.writeHead(200, { 'Content-Type': type });
              res.end(await readFile(file));
            }).listen(Number(process.env.PORT), process.env.HOST || '127.0.0.1');
            """ + "\n"),
        ("index.html", """
            <!doctype html>
            <html lang="en"><head><meta charset="UTF-8" /><title>Sum</title></head>
            <body><h1>…</h1>
            <script type="module">
              import { sum } from './sum.js';
              document.querySelector('h1').textContent = '2 + 2 = ' + sum(2, 2);
            </script></body></html>
            """ + "\n"),
        ("sum.js", $"export function sum(a, b) {{\n  return {body};\n}}\n"),
        ("sum.test.js", """
            import test from 'node:test';
            import assert from 'node:assert/strict';
            import { sum } from './sum.js';

            test('adds two numbers', () => assert.equal(sum(2, 2), 4));
            """ + "\n"));

    private static string Files(params (string Path, string Content)[] files)
    {
        var sb = new StringBuilder("<boltArtifact id=\"sum\" title=\"Sum\">\n");
        foreach (var (path, content) in files)
        {
            sb.Append("<boltAction type=\"file\" filePath=\"").Append(path).Append("\">").Append(System.Net.WebUtility.HtmlEncode(content)).Append("</boltAction>\n");
        }

        return sb.Append("</boltArtifact>").ToString();
    }
}
