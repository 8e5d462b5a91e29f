using System.Web;
using WebGen.Testing;

namespace WebGen.Core.Tests.Agent;

/// <summary>
/// A fake world whose behaviour follows the workspace: each code answer writes grade.txt (and gui.txt);
/// the fake sandbox reads them into the site URL, the fake judge and GUI tester read the URL. Restoring
/// files therefore restores behaviour, like a real site.
/// </summary>
internal sealed class ScriptedWorld
{
    public const string Validate = "<boltAction type=\"screenshot_validated\"></boltAction>";
    public const string Finish = "<boltAction type=\"finish\"/>";

    public ScriptedWorld()
    {
        Sandbox = new FakeSandbox(session =>
        {
            var grade = Read(session.WorkspacePath, "grade.txt") ?? "0";
            if (grade == "throw")
            {
                throw new InvalidOperationException("simulated sandbox crash");
            }

            if (grade == "install-fail")
            {
                return FakeSandbox.Failed(SandboxFailureKind.InstallFailed, "npm ERR! 404 Not Found - left-pad-9000");
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

    public static string Code(object grade, int gui = 0) =>
        $"<boltArtifact id=\"site\" title=\"Site\"><boltAction type=\"file\" filePath=\"grade.txt\">{grade}</boltAction><boltAction type=\"file\" filePath=\"gui.txt\">{gui}</boltAction></boltArtifact>";

    public WebGenComponents Components(IStepSelector? selector = null) => new()
    {
        Sandbox = Sandbox,
        PageCapturer = Capturer,
        ScreenshotJudge = Judge,
        GuiTester = GuiTester,
        StepSelector = selector ?? new ReferenceStepSelector(),
    };

    public WebGenAgent Agent(FakeChatClient model, TempDirectory temp, Action<WebGenAgentOptions>? configure = null)
    {
        var options = new WebGenAgentOptions { RunsDirectory = temp.Combine("runs") };
        configure?.Invoke(options);
        return new WebGenAgent(model, Components(), options);
    }

    private static string? Read(string workspace, string name)
    {
        var path = Path.Combine(workspace, name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    private static int Query(Uri url, string key) => int.TryParse(HttpUtility.ParseQueryString(url.Query)[key], out var v) ? v : 0;
}
