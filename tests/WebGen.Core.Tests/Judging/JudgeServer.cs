using WebGen.Testing;

namespace WebGen.Core.Tests.Judging;

/// <summary>Answers the judge's two questions from separate scripts, told apart by their system prompts.</summary>
internal static class JudgeServer
{
    public static Task<OpenAICompatibleServer> StartAsync(Func<ChatCompletionCall, ScriptedReply> describe, Func<ChatCompletionCall, ScriptedReply> grade) =>
        OpenAICompatibleServer.StartAsync(call => IsGrade(call) ? grade(call) : describe(call));

    public static bool IsGrade(ChatCompletionCall call) => call.SystemText.Contains("You grade the appearance", StringComparison.Ordinal);

    public const string GoodDescription = """{"is_error": false, "error_message": null, "screenshot_description": "A bakery home page with a hero image and a menu.", "suggestions": ["Enlarge the call to action", "Add prices"]}""";
}
