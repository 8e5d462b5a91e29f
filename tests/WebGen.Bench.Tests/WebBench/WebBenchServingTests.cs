namespace WebGen.Bench.Tests.WebBench;

/// <summary>How a project's own webServer command becomes the sandbox's <c>dev</c> script, and how Playwright's JSON report is read.</summary>
public sealed class WebBenchServingTests
{
    private static readonly Dictionary<string, string> ExpressScripts = new() { ["dev"] = "node scripts/dev.js", ["db"] = "node scripts/init-db.js" };

    [Test]
    public void A_plain_vite_command_stays_plain_vite_on_the_sandbox_port()
    {
        var script = WebBenchSiteWorkspace.DevScript(new WebBenchServerSpec { Command = $"npx vite --port {WebBenchServerSpec.PortPlaceholder}" }, new Dictionary<string, string>());

        Assert.That(script, Is.EqualTo("vite --port $PORT"));
    }

    [Test]
    public void Npm_run_calls_become_the_scripts_they_name_and_the_config_variables_are_exported()
    {
        var server = new WebBenchServerSpec
        {
            Command = $" npm run db -- src && npm run dev -- src {WebBenchServerSpec.PortPlaceholder}",
            Environment = new Dictionary<string, string> { ["DB_HOST"] = "src/test.sqlite", ["PORT"] = WebBenchServerSpec.PortPlaceholder, ["NOTE"] = "a \"quoted\" $HOME `x`" },
        };

        var script = WebBenchSiteWorkspace.DevScript(server, ExpressScripts);

        Assert.That(script, Is.EqualTo("export DB_HOST=\"src/test.sqlite\" NOTE=\"a \\\"quoted\\\" \\$HOME \\`x\\`\" PORT=\"$PORT\" && node scripts/init-db.js src && node scripts/dev.js src $PORT"));
    }

    [Test]
    public async Task The_site_manifest_drops_the_test_packages_and_serves_through_dev()
    {
        var project = await WebBenchData.Open().LoadProjectAsync("dom");

        var manifest = WebBenchSiteWorkspace.Manifest(project, new WebBenchServerSpec { Command = $"npx serve src -p {WebBenchServerSpec.PortPlaceholder}" });

        Assert.That(manifest, Does.Contain("\"dev\": \"serve src -p $PORT\"").And.Contain("\"serve\"").And.Not.Contain("@playwright/test").And.Not.Contain("workspace:"));
    }

    [Test]
    public void The_json_report_gives_every_case_with_its_describe_titles_errors_and_screenshots()
    {
        const string json = """
            {
              "suites": [
                { "title": "task-1.spec.js", "file": "task-1.spec.js", "specs": [
                    { "title": "top", "line": 5, "tests": [ { "status": "expected", "results": [ { "status": "passed", "duration": 120, "errors": [], "attachments": [] } ] } ] }
                  ],
                  "suites": [ { "title": "Layout", "file": "task-1.spec.js", "specs": [
                    { "title": "width", "line": 12, "tests": [ { "status": "unexpected", "results": [ { "status": "failed", "duration": 900,
                      "errors": [ { "message": "\u001b[31mExpected: 300\u001b[39m\nReceived: 280" } ],
                      "attachments": [ { "name": "screenshot", "contentType": "image/png", "path": "/tmp/x/test-failed-1.png" } ] } ] } ] } ] } ]
                },
                { "title": "other.spec.js", "file": "other.spec.js", "specs": [ { "title": "ignored", "line": 1, "tests": [] } ] }
              ],
              "errors": [ { "message": "Error: Cannot find module '@web-bench/shop-test-util'", "location": { "file": "/r/test/task-2.spec.js", "line": 16, "column": 1 } } ]
            }
            """;
        (string, int)? SpecOf(string file) => Path.GetFileName(file) switch
        {
            "task-1.spec.js" => ("test/task-1.spec.js", 1),
            "task-2.spec.js" => ("test/task-2.spec.js", 2),
            _ => null,
        };

        var parsed = PlaywrightJsonReport.Parse(json, SpecOf);

        Assert.That(parsed.Cases.Select(c => (c.Result.Title, c.Result.Status, c.Result.Line)), Is.EqualTo(new[] { ("top", WebBenchCaseStatus.Passed, 5), ("Layout › width", WebBenchCaseStatus.Failed, 12) }));
        Assert.That(parsed.Cases[1].Result.Error, Is.EqualTo("Expected: 300\nReceived: 280"));
        Assert.That(parsed.Cases[1].ScreenshotPaths, Is.EqualTo(new[] { "/tmp/x/test-failed-1.png" }));
        Assert.That(parsed.Errors, Is.EqualTo(new[] { ((string?)"test/task-2.spec.js", "Error: Cannot find module '@web-bench/shop-test-util'") }));
    }
}
