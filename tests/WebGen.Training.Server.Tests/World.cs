using System.Web;
using WebGen.Testing;

namespace WebGen.Training.Server.Tests;

/// <summary>
/// A fake world driven by the workspace: each code answer writes grade.txt and gui.txt; the fake sandbox reads them into
/// the site URL, and the fake judge and GUI tester grade from the URL. grade.txt = "block" makes the sandbox wait until
/// the step is cancelled, for tests that need a step in flight; grade.txt = "leak:TEXT" makes the site fail to start printing TEXT.
/// </summary>
internal sealed class World
{
    // Signals carry no boltArtifact: a signal answer with one is malformed under the reference definition.
    public const string Validate = "<boltAction type=\"screenshot_validated\"></boltAction>";
    public const string Finish = "<boltAction type=\"finish\"></boltAction>";
    public const string Malformed = "I think the page looks great, so I will not change anything.";

    public World()
    {
        Sandbox = new FakeSandbox(async (session, cancellationToken) =>
        {
            var grade = Read(session.WorkspacePath, "grade.txt") ?? "0";
            if (grade == "block")
            {
                Blocked.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }

            if (grade.StartsWith("leak:", StringComparison.Ordinal))
            {
                return FakeSandbox.Failed(SandboxFailureKind.StartFailed, "Error: the site printed " + grade[5..]);
            }

            var gui = Read(session.WorkspacePath, "gui.txt") ?? "0";
            return FakeSandbox.Running(new Uri($"http://127.0.0.1:9/?grade={grade}&gui={gui}"));
        });
        Judge = new FakeScreenshotJudge(r => new ScreenshotJudgement { Grade = Query(r.Capture.Url, "grade"), Description = "a page", GradeReason = "scripted" });
        GuiTester = new FakeGuiTester(r =>
        {
            var grade = Query(r.Url, "gui");
            return new GuiTestResult { Grade = grade, Passed = grade >= 4, Verdict = grade >= 4 ? GuiVerdict.Yes : GuiVerdict.No, Suggestions = "scripted" };
        });
    }

    public FakeSandbox Sandbox { get; }

    public FakePageCapturer Capturer { get; } = new();

    public FakeScreenshotJudge Judge { get; }

    public FakeGuiTester GuiTester { get; }

    /// <summary>Completed when a step reaches a "block" site.</summary>
    public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static string Code(object grade, int gui = 0) =>
        $"<boltArtifact id=\"site\" title=\"Site\"><boltAction type=\"file\" filePath=\"grade.txt\">{grade}</boltAction><boltAction type=\"file\" filePath=\"gui.txt\">{gui}</boltAction></boltArtifact>";

    /// <summary>The sandbox session of the episode with this id (its run id).</summary>
    public FakeSandboxSession Session(string id) => Sandbox.Sessions.Single(s => s.Request.EpisodeId == id);

    private static string? Read(string workspace, string name)
    {
        var path = Path.Combine(workspace, name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    private static int Query(Uri url, string key) => int.TryParse(HttpUtility.ParseQueryString(url.Query)[key], out var v) ? v : 0;
}
