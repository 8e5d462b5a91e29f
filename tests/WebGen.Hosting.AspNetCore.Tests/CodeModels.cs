namespace WebGen.Hosting.Tests;

/// <summary>Code models served by the loopback OpenAI-compatible server, reached through the configured <c>WebGen:Models:Code</c> endpoint.</summary>
internal static class CodeModels
{
    /// <summary>Writes the demo site at the first turn, then never answers until the call is cancelled.</summary>
    public static Task<OpenAICompatibleServer> WritesOneStepThenHangsAsync() => OpenAICompatibleServer.StartAsync(call =>
        call.Messages.Any(m => m.Role == "assistant")
            ? ScriptedReply.Hang()
            : ScriptedReply.Text(OfflineDemoChatClient.WriteSite(call.Messages.First(m => m.Role == "user").Text)));

    /// <summary>Never answers until the call is cancelled: runs stay running.</summary>
    public static Task<OpenAICompatibleServer> HangsAsync() => OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Hang());

    /// <summary>The configuration that points the code model at <paramref name="server"/>.</summary>
    public static (string, string?)[] Settings(OpenAICompatibleServer server) =>
    [
        ("WebGen:Models:Code:Endpoint", server.BaseUrl.ToString()),
        ("WebGen:Models:Code:Model", "scripted-coder"),
        ("WebGen:Models:Code:ApiKey", "sk-test"),
        ("WebGen:Resilience:MaxRetryAttempts", "0"),
    ];

    /// <summary>Keeps the configured code model but judges and GUI-tests offline, so every model call is a code-model call.</summary>
    public static void OfflineJudging(WebGenAgentBuilder agent) =>
        WebGen.Playwright.PlaywrightServiceCollectionExtensions.UseSmokeGuiTester(agent.UseScreenshotJudge(new OfflineScreenshotJudge()).Services);
}
