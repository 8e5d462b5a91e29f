using System.ComponentModel.DataAnnotations;

namespace WebGen.Bench;

/// <summary>Options of <see cref="ChatAppearanceGrader"/>. Defaults follow the benchmark.</summary>
public sealed class AppearanceGraderOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "WebGen:Bench:Appearance";

    /// <summary>
    /// <see cref="WebGenProfile.Enhanced"/> (default) or <see cref="WebGenProfile.Reference"/>, the Bolt.diy harness's
    /// grading: one screenshot of the home page (<see cref="MaxScreenshots"/> is ignored).
    /// </summary>
    [EnumDataType(typeof(WebGenProfile))]
    public WebGenProfile Profile { get; set; }

    /// <summary>
    /// Most screenshots of the home page sent to the grader, one viewport each from the top (default 3, so content
    /// below the first screen counts too; the Reference profile sends 1).
    /// </summary>
    [Range(1, 10)]
    public int MaxScreenshots { get; set; } = 3;

    /// <summary>Viewport width in CSS pixels (benchmark: 1024).</summary>
    [Range(200, 8000)]
    public int ViewportWidth { get; set; } = 1024;

    /// <summary>Viewport height in CSS pixels (benchmark: 768).</summary>
    [Range(200, 8000)]
    public int ViewportHeight { get; set; } = 768;

    /// <summary>Largest answer the grader may write, in tokens; null leaves it to the model.</summary>
    [Range(1, 1_000_000)]
    public int? MaxOutputTokens { get; set; }
}
