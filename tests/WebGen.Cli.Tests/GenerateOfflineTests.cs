using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebGen.Sandbox;

namespace WebGen.Cli.Tests;

public sealed class GenerateOfflineTests
{
    private const string Instruction = "Please implement a website for a bakery that shows its breads and lets users place an order. Set the background color to cream and the component color to brown.";

    [Test]
    public async Task Offline_generate_leaves_a_site_that_serves_a_non_blank_screenshot_and_a_report_that_renders()
    {
        using var temp = new TempDirectory();

        var outcome = await CliHarness.RunAsync("generate", Instruction, "--out", temp.Combine("site"), "--runs", temp.Combine("runs"), "--run-id", "offline");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        Assert.That(outcome.Out, Does.Contain("running OFFLINE with the built-in demo model"));
        Assert.That(outcome.Out, Does.Contain("This run used the offline demo model"));

        // The chosen site is left in --out and serves HTTP 200 when started again from scratch.
        Assert.That(File.Exists(temp.Combine("site", "package.json")), Is.True);
        Assert.That(File.ReadAllText(temp.Combine("site", "src", "App.css")), Does.Contain("#795548"), "the component colour named in the instruction");
        await using (var sandbox = new LocalNodeSandbox(new LocalSandboxOptions(), NullLoggerFactory.Instance))
        {
            await using var session = await sandbox.OpenSessionAsync(new SandboxSessionRequest { WorkspacePath = temp.Combine("site") });
            var run = await session.EnsureRunningAsync();
            Assert.That(run.IsRunning, Is.True, run.FailureExcerpt);
            using var http = new HttpClient();
            using var response = await http.GetAsync(run.Url);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // The screenshot of the chosen step is a real, non-blank page.
        var checkpoint = await RunCheckpoint.LoadAsync(temp.Combine("runs", "offline"));
        Assert.That(checkpoint.Result!.Chosen, Is.Not.Null);
        var capture = checkpoint.Steps[0].Capture!;
        Assert.That(capture.Width, Is.EqualTo(1024));
        var blank = await new BlankPageScorer(Options.Create(new ScreenshotPreCheckOptions())).ScoreAsync(new ScreenshotScoringContext { Capture = capture, Instruction = Instruction });
        Assert.That(blank.IsFatal, Is.False, blank.Reason);
        Assert.That(checkpoint.Manifest.Labels["mode"], Is.EqualTo("offline"));

        // The report renders in Chromium with its images and no console errors.
        var report = await CliHarness.OpenReportAsync(temp.Combine("runs", "offline", "report.html"));
        Assert.That(report.ConsoleErrors, Is.Empty);
        Assert.That(report.ImageWidths, Is.Not.Empty);
        Assert.That(report.ImageWidths, Has.All.GreaterThan(0));
        Assert.That(report.Text, Does.Contain("This run used the offline demo model"));
    }

    [Test]
    public async Task Report_command_rewrites_the_report_and_refuses_a_folder_that_is_not_a_run()
    {
        using var temp = new TempDirectory();

        var notARun = await CliHarness.RunAsync("report", temp.Path);

        Assert.That(notARun.ExitCode, Is.EqualTo(2));
        Assert.That(notARun.Error, Does.Contain("is not a webgen run directory"));
    }

    [Test]
    public async Task Generate_refuses_to_overwrite_a_folder_it_did_not_write()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("mine"));
        File.WriteAllText(temp.Combine("mine", "precious.txt"), "keep me");

        var outcome = await CliHarness.RunAsync("generate", "a page", "--out", temp.Combine("mine"), "--runs", temp.Combine("runs"));

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("not empty and was not written by webgen"));
        Assert.That(File.ReadAllText(temp.Combine("mine", "precious.txt")), Is.EqualTo("keep me"));
        Assert.That(Directory.Exists(temp.Combine("runs")), Is.False, "no run was started");
    }
}
