using Microsoft.Extensions.AI;

namespace WebGen;

/// <summary>The VLM judge's description and appearance grade of a screenshot.</summary>
public sealed record class ScreenshotJudgement
{
    /// <summary>True when the screenshot shows an error (error page, crash message, broken render).</summary>
    public bool IsError { get; init; }

    /// <summary>The visible error, when <see cref="IsError"/>.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>What the screenshot shows.</summary>
    public string Description { get; init; } = "";

    /// <summary>Concrete improvements to make.</summary>
    public string Suggestions { get; init; } = "";

    /// <summary>Appearance grade: 0 blank or failed, 1 (poor) to 5 (excellent).</summary>
    public int Grade { get; init; }

    /// <summary>The reasoning behind <see cref="Grade"/>.</summary>
    public string GradeReason { get; init; } = "";

    /// <summary>Why the judgement could not be made (model unreachable, unparsable answer); null when it succeeded.</summary>
    public string? Failure { get; init; }

    /// <summary>Tokens spent on the judgement.</summary>
    public UsageDetails? Usage { get; init; }
}
