using WebGen.Testing;

namespace WebGen.Bench.Tests.Evaluation;

public sealed class GuiTesterCaseAgentTests
{
    private static readonly BenchCase Case = new() { TaskId = "000001", Index = 2, Task = "Search for AAPL.", ExpectedResult = "Results appear.", Category = new BenchCategory { PrimaryCategory = "Functional Testing" } };

    [Test]
    public async Task Passes_the_case_prompt_and_returns_the_testers_answer_and_trajectory()
    {
        var tester = new FakeGuiTester(_ => new GuiTestResult
        {
            FinalAnswer = "Action: ANSWER; PARTIAL",
            LastMessage = "Thought: the search works but the table is empty.\nAction: ANSWER; PARTIAL",
            Trajectory = [new GuiTrajectoryStep { Index = 0, Action = GuiActionKind.Type, Argument = "AAPL" }],
            Failure = "the results table never loaded",
        });

        var run = await new GuiTesterCaseAgent(tester).RunCaseAsync(Request());

        var sent = tester.Requests.Single();
        Assert.That((sent.TestInstruction, sent.UserInstruction, sent.SessionId, sent.Url.ToString()), Is.EqualTo((BenchPrompts.TestCase(Case), "A stock site.", "bench-000001-case-02", "http://127.0.0.1:9/")));
        Assert.That(run.FinalAnswer, Is.EqualTo("Action: ANSWER; PARTIAL"));
        Assert.That(run.LastMessage, Does.StartWith("Thought: the search works"), "the whole message reaches the reference verdict");
        Assert.That(run.Trajectory.Single().Argument, Is.EqualTo("AAPL"));
        Assert.That(run.Failure, Is.EqualTo("the results table never loaded"));
    }

    [Test]
    public async Task A_tester_that_could_not_act_at_all_is_an_error_to_retry()
    {
        var tester = new FakeGuiTester(_ => new GuiTestResult { Failure = "the vision model is unreachable" });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => new GuiTesterCaseAgent(tester).RunCaseAsync(Request()));

        Assert.That(ex!.Message, Does.Contain("the vision model is unreachable"));
    }

    [Test]
    public void Judges_as_an_agent_unless_told_its_tester_only_smoke_checks()
    {
        var tester = new FakeGuiTester(_ => new GuiTestResult());

        Assert.That(new GuiTesterCaseAgent(tester).Judgement, Is.EqualTo(BenchCaseJudgement.Agent));
        Assert.That(new GuiTesterCaseAgent(tester, BenchCaseJudgement.Smoke).Judgement, Is.EqualTo(BenchCaseJudgement.Smoke));
        Assert.That(() => new GuiTesterCaseAgent(tester, (BenchCaseJudgement)7), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    private static BenchCaseRequest Request() => new()
    {
        SiteUrl = new Uri("http://127.0.0.1:9/"),
        Case = Case,
        WebsiteInstruction = "A stock site.",
        Prompt = BenchPrompts.TestCase(Case),
        SessionId = "bench-000001-case-02",
    };
}
