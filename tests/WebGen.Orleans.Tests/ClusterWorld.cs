using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Web;
using WebGen.Testing;

namespace WebGen.Orleans.Tests;

/// <summary>
/// A scripted world every silo shares: the code model is the real loopback OpenAI-compatible server, answering by the
/// instruction ("… in N steps") and the step (the assistant turns so far); each code answer writes grade.txt, which
/// the fake sandbox turns into the site URL (plus the run's trailing index, so rollouts of one prompt differ) that the
/// fake judge and GUI tester grade. Everything follows the workspace, so a run resumed elsewhere behaves the same.
/// </summary>
internal sealed partial class ClusterWorld : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    private ClusterWorld(OpenAICompatibleServer server)
    {
        Server = server;
        Sandbox = new FakeSandbox(async (session, cancellationToken) =>
        {
            if (BeforeSite is { } hook)
            {
                await hook(session.Request.EpisodeId ?? "", int.TryParse(Read(session.WorkspacePath, "step.txt"), out var s) ? s : 0, cancellationToken);
            }

            var grade = int.TryParse(Read(session.WorkspacePath, "grade.txt"), out var g) ? g : 0;
            var bonus = TrailingIndex().Match(session.Request.EpisodeId ?? "") is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) % 2 : 0;
            return FakeSandbox.Running(new Uri($"http://127.0.0.1:9/?grade={Math.Min(5, grade + bonus)}&gui={Math.Min(5, grade + bonus)}"));
        });
    }

    public OpenAICompatibleServer Server { get; private set; }

    /// <summary>Runs before each code-model answer (instruction, step, cancellation): block here to hold an episode mid-step.</summary>
    public Func<string, int, CancellationToken, Task>? BeforeAnswer { get; set; }

    /// <summary>How many times the code model answered each (instruction, step).</summary>
    public int Calls(string instruction, int step) => _calls.TryGetValue(instruction + "#" + step, out var n) ? n : 0;

    /// <summary>Runs before the site of a step starts (episode id, the step.txt the step wrote, cancellation): block here to hold a step on its silo.</summary>
    public Func<string, int, CancellationToken, Task>? BeforeSite { get; set; }

    public FakeSandbox Sandbox { get; }

    public FakePageCapturer Capturer { get; } = new();

    public FakeScreenshotJudge Judge { get; } = new(r => new ScreenshotJudgement { Grade = Query(r.Capture.Url, "grade"), Description = "a page", GradeReason = "scripted" });

    public FakeGuiTester GuiTester { get; } = new(r =>
    {
        var grade = Query(r.Url, "gui");
        return new GuiTestResult { Grade = grade, Passed = grade >= 4, Verdict = grade >= 4 ? GuiVerdict.Yes : GuiVerdict.No, Suggestions = "scripted" };
    });

    public static async Task<ClusterWorld> StartAsync()
    {
        ClusterWorld? world = null;
        var server = await OpenAICompatibleServer.StartAsync(async (call, cancellationToken) => await world!.AnswerAsync(call, cancellationToken));
        world = new ClusterWorld(server);
        return world;
    }

    public static string Instruction(string name, int steps) => $"Build the {name} site in {steps} steps.";

    /// <summary>Plugs the world into a worker's (or a local agent's) builder.</summary>
    public WebGenAgentBuilder Use(WebGenAgentBuilder builder) => builder
        .UseCodeModel(Server.CreateChatClient())
        .UseSandbox(Sandbox)
        .UsePageCapturer(Capturer)
        .UseScreenshotJudge(Judge)
        .UseGuiTester(GuiTester);

    public WebGenComponents Components() => new() { Sandbox = Sandbox, PageCapturer = Capturer, ScreenshotJudge = Judge, GuiTester = GuiTester };

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async ValueTask<ScriptedReply> AnswerAsync(ChatCompletionCall call, CancellationToken cancellationToken)
    {
        var instruction = call.Messages.FirstOrDefault(m => m.Role == "user")?.Text ?? "";
        var steps = StepsOf().Match(instruction) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
        var step = call.Messages.Count(m => m.Role == "assistant") + 1;
        if (BeforeAnswer is { } hook)
        {
            await hook(instruction, step, cancellationToken);
        }

        _calls.AddOrUpdate(instruction + "#" + step, 1, (_, n) => n + 1);
        return ScriptedReply.Text(step >= steps
            ? "<boltAction type=\"finish\"/>"
            : $"<boltArtifact id=\"site\" title=\"Site\"><boltAction type=\"file\" filePath=\"grade.txt\">{3 + (step % 2)}</boltAction><boltAction type=\"file\" filePath=\"step.txt\">{step}</boltAction></boltArtifact>");
    }

    private static string? Read(string workspace, string name)
    {
        var path = Path.Combine(workspace, name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    private static int Query(Uri url, string key) => int.TryParse(HttpUtility.ParseQueryString(url.Query)[key], out var v) ? v : 0;

    [GeneratedRegex(@"in (\d+) steps")]
    private static partial Regex StepsOf();

    [GeneratedRegex(@"-(\d+)$")]
    private static partial Regex TrailingIndex();
}
