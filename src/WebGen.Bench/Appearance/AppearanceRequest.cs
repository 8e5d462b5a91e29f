namespace WebGen.Bench;

/// <summary>What an <see cref="IAppearanceGrader"/> grades.</summary>
public sealed record class AppearanceRequest
{
    /// <summary>The running site's home page.</summary>
    public required Uri SiteUrl { get; init; }

    /// <summary>The website instruction the site was built from (the rubric is relative to it).</summary>
    public required string Instruction { get; init; }

    /// <summary>An id for the browser session of this grading.</summary>
    public required string SessionId { get; init; }
}
