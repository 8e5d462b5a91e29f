using System.Text.Json;

namespace WebGen;

/// <summary>The description answer: {is_error, error_message, screenshot_description, suggestions}.</summary>
internal sealed record class ScreenshotDescription(bool IsError, string? ErrorMessage, string Description, string Suggestions)
{
    public static ScreenshotDescription Read(JsonElement json)
    {
        var isError = JudgeJson.RequiredBool(json, "is_error");
        var error = JudgeJson.OptionalText(json, "error_message");
        var description = JudgeJson.RequiredText(json, "screenshot_description");
        var suggestions = JudgeJson.OptionalText(json, "suggestions") ?? "";
        return new ScreenshotDescription(isError, isError ? error : null, description, suggestions);
    }
}
