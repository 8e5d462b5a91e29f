using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>Settings of <see cref="ChatScreenshotJudge"/>.</summary>
public sealed partial class ChatScreenshotJudgeOptions
{
    /// <summary>Sampling temperature of the judge; null leaves the model's default. Default 0 (repeatable grades).</summary>
    [Range(0.0, 2.0)]
    public float? Temperature { get; set; } = 0f;

    /// <summary>Output token limit of each judge call; null leaves the model's default. Default 1024.</summary>
    [Range(16, 32_768)]
    public int? MaxOutputTokens { get; set; } = 1024;

    /// <summary>
    /// Longest excerpt of the page's visible text added to the prompt (it helps the model read small
    /// text); 0 sends none. Default 1500 characters.
    /// </summary>
    [Range(0, 20_000)]
    public int MaxVisibleTextChars { get; set; } = 1500;

    /// <summary>Adds the reasons of failed pre-checks to the prompts, so the model looks for those problems. Default true.</summary>
    public bool IncludePreCheckFindings { get; set; } = true;

    /// <summary>Throws <see cref="ValidationException"/> naming every option out of range.</summary>
    internal ChatScreenshotJudgeOptions Validated()
    {
        var result = new Annotations().Validate(nameof(ChatScreenshotJudgeOptions), this);
        return result.Failed ? throw new ValidationException(result.FailureMessage) : this;
    }

    // Checks written by the options source generator at build time (no reflection at run time).
    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<ChatScreenshotJudgeOptions>;
}
