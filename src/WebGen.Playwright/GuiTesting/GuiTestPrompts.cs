using System.Text;

namespace WebGen.Playwright;

/// <summary>The feedback model's prompts for the GUI test, in our own words after the WebGen-Agent reference.</summary>
internal static class GuiTestPrompts
{
    public const string PlanSystem =
        """
        You write test instructions for a GUI agent that will check a website built from a user's request. The agent
        sees the site in a browser and can click, type, scroll and go back.
        Write one short paragraph: begin with "Verify" and the visual requirements of the request (colours, layout,
        style) if it states any, then list the functions to exercise, in order, as concrete steps with example data
        (what to click, what to type, what should happen). Test only what the request asks for. Do not mention login
        credentials or how to answer; that is added for you.
        Put the paragraph inside <boltAction type="gui_agent_test">…</boltAction> and write nothing else.
        """;

    public const string SummarySystem =
        """
        You review how a GUI agent tested a website and judge whether the website's functions work. You get the test
        instruction, every step the agent took (its reasoning, its action, and any error), the errors the site logged,
        and the agent's final answer. Judge the website, not the agent: an agent that gave up early on a working site
        is not evidence of a broken site, and a confident YES does not outweigh steps that visibly failed.
        Grade the functions on this scale:
        1 - the requested functions do not work at all, or the site cannot be used.
        2 - most requested functions fail; only trivial parts work.
        3 - some requested functions work, others fail or behave wrongly.
        4 - the requested functions work, with minor problems.
        5 - every requested function works as described.
        Answer with one JSON object: {"test_passed": true or false, "improvement_suggestions": "<what the developer
        should fix or add, concretely>", "grade": <integer 1 to 5>}.
        """;

    public static string PlanUser(string userInstruction) => "The user's request for the website:\n" + userInstruction.Trim();

    public static string SummaryUser(GuiTestRequest request, WebVoyagerRun run, int maxChars)
    {
        var text = new StringBuilder();
        text.Append("The user's request for the website:\n").Append(request.UserInstruction.Trim()).Append("\n\n");
        text.Append("The test instruction given to the agent:\n").Append(request.TestInstruction.Trim()).Append("\n\n");
        text.Append("The agent's steps:\n");
        var budget = Math.Max(maxChars - text.Length - 1500, 1000);
        var perStep = run.Trajectory.Count == 0 ? budget : Math.Max(budget / run.Trajectory.Count, 120);
        foreach (var step in run.Trajectory)
        {
            var line = new StringBuilder();
            line.Append(step.Index + 1).Append(". ").Append(step.Action);
            if (step.TargetLabel is { } label)
            {
                line.Append(" [").Append(label).Append("] ").Append(step.TargetDescription);
            }

            if (step.Argument is not null)
            {
                line.Append(" — ").Append(step.Argument);
            }

            if (step.Thought is not null)
            {
                line.Append(" | thought: ").Append(step.Thought);
            }

            if (step.Error is not null)
            {
                line.Append(" | result: ").Append(step.Error);
            }

            if (step.UrlAfter is not null)
            {
                line.Append(" | page after: ").Append(step.UrlAfter);
            }

            text.Append(line.Length > perStep ? line.ToString(0, perStep) + "…" : line.ToString()).Append('\n');
        }

        if (run.Trajectory.Count == 0)
        {
            text.Append("(none)\n");
        }

        AppendList(text, "Uncaught errors the site threw", run.PageErrors);
        AppendList(text, "Console errors the site logged", run.ConsoleErrors);
        AppendList(text, "Requests to other sites that were blocked", run.BlockedRequests);
        text.Append("\nHow the run ended: ").Append(run.StopReason);
        if (run.Failure is not null)
        {
            text.Append(" (").Append(run.Failure).Append(')');
        }

        text.Append("\nThe agent's final answer: ").Append(run.FinalAnswer ?? "(none)").Append('\n');
        return text.ToString();
    }

    private static void AppendList(StringBuilder text, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.Append('\n').Append(title).Append(":\n");
        foreach (var item in items.Take(10))
        {
            text.Append("- ").Append(item.Length > 300 ? item[..300] + "…" : item).Append('\n');
        }

        if (items.Count > 10)
        {
            text.Append("- … and ").Append(items.Count - 10).Append(" more\n");
        }
    }
}
