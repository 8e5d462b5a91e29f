using System.Text.Json;

namespace WebGen;

/// <summary>The grade answer: {analysis, grade 0–5}.</summary>
internal sealed record class ScreenshotGrade(string Analysis, int Grade)
{
    public static ScreenshotGrade Read(JsonElement json) =>
        new(JudgeJson.OptionalText(json, "analysis") ?? "", JudgeJson.RequiredInt(json, "grade", 0, 5));
}
