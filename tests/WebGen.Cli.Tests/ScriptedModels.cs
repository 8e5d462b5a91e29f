using System.Collections.Concurrent;
using WebGen.Testing;

namespace WebGen.Cli.Tests;

/// <summary>
/// Answers every model role of the pipeline (code, judge, GUI-test plan, GUI agent, summary, appearance grade)
/// from one loopback OpenAI-compatible server, telling the calls apart by their prompts.
/// </summary>
internal sealed class ScriptedModels
{
    public const string ApiKey = "sk-test-secret-7f3a9c";

    private readonly ConcurrentDictionary<string, int> _counts = new();

    public required Func<ChatCompletionCall, string> Code { get; init; }

    public Func<ChatCompletionCall, string> GuiAgent { get; init; } = _ => "Thought: the page does what was asked.\nAction: ANSWER; YES";

    public int Count(string role) => _counts.GetValueOrDefault(role);

    public ScriptedReply Answer(ChatCompletionCall call)
    {
        var system = call.SystemText;
        var user = call.LastUserText;
        var (role, text) = system switch
        {
            _ when system == CodeModelPrompts.SystemPrompt || system == CodeModelPrompts.ReferenceSystemPrompt => ("code", Code(call)),
            _ when user.Contains("<instruction>", StringComparison.Ordinal) && user.Contains("gui_agent_test", StringComparison.Ordinal) => ("plan", "<boltAction type=\"gui_agent_test\">Verify the heading is shown.</boltAction>"),
            _ when system.Contains("You review screenshots of websites", StringComparison.Ordinal) =>
                ("describe", """{"is_error": false, "error_message": null, "screenshot_description": "A page with a header, a hero section and a form.", "suggestions": "Add more spacing."}"""),
            _ when system.Contains("You grade the appearance", StringComparison.Ordinal) => ("grade", """{"analysis": "Clean and relevant.", "grade": 4}"""),
            _ when system.Contains("You write test instructions", StringComparison.Ordinal) => ("plan", "<boltAction type=\"gui_agent_test\">Verify the heading is shown, then add an entry with the form.</boltAction>"),
            _ when system.Contains("You review how a GUI agent tested", StringComparison.Ordinal) => ("summary", """{"test_passed": true, "improvement_suggestions": "None.", "grade": 5}"""),
            _ when system.StartsWith("You test a website", StringComparison.Ordinal) => ("agent", GuiAgent(call)),
            _ when user.Contains("Grade its appearance from 1 to 5", StringComparison.Ordinal) => ("appearance", "Analysis: tidy and on topic.\n\nGrade: 4"),
            _ => ("unknown", "I do not understand."),
        };
        _counts.AddOrUpdate(role, 1, (_, n) => n + 1);
        return ScriptedReply.Text(text);
    }

    public static Dictionary<string, string?> Configuration(OpenAICompatibleServer server) => new()
    {
        ["WebGen:Models:Code:Endpoint"] = server.BaseUrl.ToString(),
        ["WebGen:Models:Code:Model"] = "scripted-coder",
        ["WebGen:Models:Code:ApiKey"] = ApiKey,
        ["WebGen:Models:Vision:Endpoint"] = server.BaseUrl.ToString(),
        ["WebGen:Models:Vision:Model"] = "scripted-vision",
        ["WebGen:Models:Vision:ApiKey"] = ApiKey,
        ["WebGen:Resilience:MaxRetryAttempts"] = "0",
    };

    /// <summary>How many assistant turns the code model has had on this branch of the chat.</summary>
    public static int Turn(ChatCompletionCall call) => call.Messages.Count(m => m.Role == "assistant");

    /// <summary>The instruction the code model was given (the first user message).</summary>
    public static string Instruction(ChatCompletionCall call) => call.Messages.First(m => m.Role == "user").Text;
}
