using System.ComponentModel.DataAnnotations;

namespace WebGen.Playwright;

/// <summary>Settings of <see cref="WebVoyagerGuiTester"/>'s feedback-model calls.</summary>
public sealed class WebVoyagerGuiTesterOptions
{
    /// <summary>
    /// <see cref="WebGenProfile.Enhanced"/> (default) or <see cref="WebGenProfile.Reference"/>, the reference tester: its
    /// plan request and answer suffix, its summary request and grade scale, no temperature (<see cref="Temperature"/> is
    /// ignored), and a test whose agent's last message says YES counts as passed with no suggestions.
    /// </summary>
    [EnumDataType(typeof(WebGenProfile))]
    public WebGenProfile Profile { get; set; }

    /// <summary>Sampling temperature of the plan and summary calls; null leaves the model's default. Default 0.</summary>
    [Range(0.0, 2.0)]
    public float? Temperature { get; set; } = 0f;

    /// <summary>Longest trajectory text given to the summary (older steps are shortened first). Default 12000 characters.</summary>
    [Range(1000, 200_000)]
    public int MaxTrajectoryChars { get; set; } = 12_000;

    /// <summary>Longest GUI-test instruction body accepted from the model before falling back. Default 3000 characters.</summary>
    [Range(100, 50_000)]
    public int MaxInstructionChars { get; set; } = 3000;
}
