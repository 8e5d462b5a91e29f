using System.Text.RegularExpressions;
using WebGen.Testing;

namespace WebGen.Playwright.Tests.GuiAgent;

/// <summary>Helpers for scripting the agent's model: which step a call is, and which label an element has.</summary>
internal static partial class ScriptedAgent
{
    /// <summary>0-based step of the run this call belongs to (earlier answers are in the history).</summary>
    public static int Step(ChatCompletionCall call) => call.Messages.Count(m => m.Role == "assistant");

    /// <summary>The label of the element whose description contains <paramref name="text"/> in the current observation.</summary>
    public static int Label(ChatCompletionCall call, string text)
    {
        foreach (Match m in LabelLine().Matches(call.LastUserText))
        {
            if (m.Groups[2].Value.Contains(text, StringComparison.Ordinal))
            {
                return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new AssertionException($"No labelled element containing \"{text}\" in:\n{call.LastUserText}");
    }

    public static ScriptedReply Act(string action, string thought = "Continuing the test.") => ScriptedReply.Text($"Thought: {thought}\nAction: {action}");

    public static bool IsAgent(ChatCompletionCall call) => call.SystemText.StartsWith("You test a website", StringComparison.Ordinal);

    [GeneratedRegex(@"^\[(\d+)\]: (.*)$", RegexOptions.Multiline)]
    private static partial Regex LabelLine();
}
