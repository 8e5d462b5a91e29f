using WebGen.Testing;

namespace WebGen.Core.Tests.Agent.FixAfterError;

/// <summary>
/// Every model of the pipeline for one <see cref="FixAfterErrorCase"/>, served over the OpenAI protocol: the code
/// model answers the case's steps in order (with <c>screenshot_validated</c> where asked, then <c>finish</c>); the
/// judge, the GUI agent and the test summary answer from what they are shown, so a good grade or a passed GUI
/// test is earned only by seeing the text that the latest step's files render.
/// </summary>
internal sealed class MatrixModels(FixAfterErrorCase scenario)
{
    private readonly Lock _gate = new();
    private string? _expected;

    public ScriptedReply Answer(ChatCompletionCall call)
    {
        var system = call.SystemText;
        var user = call.LastUserText;
        if (system.Contains("You review screenshots of websites", StringComparison.Ordinal))
        {
            return ScriptedReply.Text("""{"is_error": false, "error_message": null, "screenshot_description": "A heading and a button.", "suggestions": "None."}""");
        }

        if (system.Contains("You grade the appearance", StringComparison.Ordinal))
        {
            return Sees(user)
                ? ScriptedReply.Text("""{"analysis": "The page shows the latest version.", "grade": 4}""")
                : ScriptedReply.Text("""{"analysis": "The page does not show the latest version.", "grade": 1}""");
        }

        if (system.Contains("You write test instructions", StringComparison.Ordinal))
        {
            return ScriptedReply.Text("<boltAction type=\"gui_agent_test\">Verify the heading shows the latest text.</boltAction>");
        }

        if (system.StartsWith("You test a website", StringComparison.Ordinal))
        {
            return ScriptedReply.Text(Sees(user) ? "Thought: the latest text is shown.\nAction: ANSWER; YES" : "Thought: the latest text is missing.\nAction: ANSWER; NO");
        }

        if (system.Contains("You review how a GUI agent tested", StringComparison.Ordinal))
        {
            var passed = user.Contains("final answer: YES", StringComparison.Ordinal);
            return ScriptedReply.Text(passed
                ? """{"test_passed": true, "improvement_suggestions": "None.", "grade": 5}"""
                : """{"test_passed": false, "improvement_suggestions": "Show the latest text.", "grade": 1}""");
        }

        return ScriptedReply.Text(Code(call));
    }

    private string Code(ChatCompletionCall call)
    {
        var turn = call.Messages.Count(m => m.Role == "assistant");
        var index = 0;
        foreach (var step in scenario.Steps)
        {
            if (index++ == turn)
            {
                lock (_gate)
                {
                    _expected = step.Marker;
                }

                return step.Answer;
            }

            if (step.Validate && index++ == turn)
            {
                return "<boltAction type=\"screenshot_validated\"></boltAction>";
            }
        }

        return "<boltAction type=\"finish\"></boltAction>";
    }

    private bool Sees(string text)
    {
        lock (_gate)
        {
            return _expected is not null && text.Contains(_expected, StringComparison.Ordinal);
        }
    }

    /// <summary>How many code-model answers the case takes (its steps, their validations and the finish).</summary>
    public static int Turns(FixAfterErrorCase scenario) => scenario.Steps.Count + scenario.Steps.Count(s => s.Validate) + 1;
}
