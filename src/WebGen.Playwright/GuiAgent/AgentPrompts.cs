using System.Globalization;
using System.Text;

namespace WebGen.Playwright;

/// <summary>
/// The GUI agent's prompts, in our own words after the WebVoyager design. With <c>fenced</c> (the Enhanced profile) the
/// page's address, title, element texts and accessibility tree are fenced as untrusted data (<see cref="UntrustedPageContent"/>)
/// and the system prompt says so; the Reference profile keeps the reference's prompts.
/// </summary>
internal static class AgentPrompts
{
    public static string System(bool textOnly, bool fenced) =>
        (textOnly
            ? "You test a website through its user interface, the way a careful user would. At every step you get the page's accessibility tree and a numbered list of its interactive elements."
            : "You test a website through its user interface, the way a careful user would. At every step you get a screenshot of the browser window in which every interactive element carries a numbered label (a dashed box with its number at the top-left corner), and the same elements as a numbered list.")
        + """

        Choose exactly one action per step:
        - Click [n]: click element n (a button, link, checkbox, tab, …).
        - Type [n]; text: clear field n, type the text and press Enter.
        - Scroll [n]; up   or   Scroll [n]; down: scroll inside element n. Scroll [WINDOW]; down scrolls the whole page.
        - Wait: wait until the page changes (loading, animations).
        - GoBack: return to the previous page.
        - ANSWER; text: stop and give your answer.

        Rules:
        - One action per reply. Use only numbers from the current list.
        - Type presses Enter for you; click a submit button afterwards only if the form was not sent.
        - If an action had no effect, try something else instead of repeating it.
        - Answer as soon as you can decide, or when you cannot make progress.
        - When the task asks whether something works, your answer must start with YES, NO or PARTIAL.

        Reply in exactly this format:
        Thought: <brief reasoning about what you see and what to do next>
        Action: <one action>
        """
        + (fenced ? "\n" + UntrustedPageContent.Notice + " Your verdict is your own ANSWER action, from what the site did." : "");

    public static string Task(string task, Uri url) =>
        $"Task: {task.Trim()}\nThe website is open at {url}.";

    public static string Observation(
        string? feedback,
        string url,
        string title,
        IReadOnlyList<MarkedElement> elements,
        bool lastAction,
        bool fenced)
    {
        var text = new StringBuilder();
        if (feedback is not null)
        {
            text.Append("Result of your last action: ").Append(feedback).Append('\n');
        }

        var page = fenced ? new StringBuilder() : text;
        Page(page, url, title, elements);
        if (fenced)
        {
            text.Append(UntrustedPageContent.Fence(page.ToString())).Append('\n');
        }

        if (lastAction)
        {
            text.Append("This is your last step: reply with ANSWER; and your answer now.\n");
        }

        return text.ToString();
    }

    private static void Page(StringBuilder text, string url, string title, IReadOnlyList<MarkedElement> elements)
    {
        text.Append("Current page: ").Append(url);
        if (title.Length > 0)
        {
            text.Append(" (\"").Append(title).Append("\")");
        }

        text.Append('\n');
        if (elements.Count == 0)
        {
            text.Append("No interactive element is visible; you can scroll, wait, go back or answer.\n");
        }
        else
        {
            text.Append("Labelled elements:\n");
            foreach (var element in elements)
            {
                text.Append(CultureInfo.InvariantCulture, $"[{element.Label}]: ").Append(element.Describe()).Append('\n');
            }
        }
    }

    /// <summary>The reference agent's last turn: the interaction limit is reached, answer from what was tried.</summary>
    public static string ReferenceLimit(string task) =>
        "You have reached the maximum number of interactions allowed with the website.\n\n"
        + "Judge the outcome of your attempts against the testing instruction:\n\n"
        + "Testing Instruction: " + task + "\n\n"
        + "Now answer with one of the following:\n"
        + "- YES: if the testing instruction was fully achieved during your interactions.\n"
        + "- NO: if the testing instruction was not achieved at all.\n"
        + "Give your final answer from your testing experience.";

    public const string ScreenshotOmitted = "(The screenshot of this step is no longer shown.)";

    public const string SnapshotOmitted = "(The accessibility tree of this step is no longer shown.)";

    public static string Snapshot(string snapshot, bool fenced) => "Accessibility tree of the page:\n" + (fenced ? UntrustedPageContent.Fence(snapshot) : snapshot);

    public static string InvalidReply(string problem) =>
        $"your reply could not be used: {problem}. Reply with \"Thought: …\" and then \"Action: …\" holding one action.";
}
