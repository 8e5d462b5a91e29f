using Microsoft.Extensions.AI;

namespace WebGen.Bench;

/// <summary>The appearance grade of one site, with the grader's reasoning and what it looked at.</summary>
public sealed record class AppearanceGrade
{
    /// <summary>The grade: the first digit after "Grade" in the grader's answer (1–5 on the rubric), 0 when none or when the page could not be captured.</summary>
    public required int Grade { get; init; }

    /// <summary>The grader's whole answer ("Analysis … Grade: N"), or why no grade could be given.</summary>
    public string Analysis { get; init; } = "";

    /// <summary>The PNG screenshots graded (the home page from the top down).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Screenshots { get; init; } = [];

    /// <summary>Why the home page could not be captured; null when it was. Such a site is graded 0.</summary>
    public string? CaptureFailure { get; init; }

    /// <summary>Tokens the grader spent.</summary>
    public UsageDetails? Usage { get; init; }
}
