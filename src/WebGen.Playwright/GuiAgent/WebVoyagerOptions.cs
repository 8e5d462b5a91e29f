using System.ComponentModel.DataAnnotations;

namespace WebGen.Playwright;

/// <summary>Settings of a <see cref="WebVoyagerAgent"/> run (defaults follow the WebGen-Bench harness).</summary>
public sealed class WebVoyagerOptions
{
    /// <summary>
    /// <see cref="WebGenProfile.Enhanced"/> (default) or <see cref="WebGenProfile.Reference"/>, the reference GUI agent:
    /// no stop on repeated no-op actions (<see cref="RepeatedNoOpLimit"/> is ignored), the last of the
    /// <see cref="MaxActions"/> turns asks for the verdict in the reference's words with no screenshot, the verdict is read
    /// from the whole last message (<see cref="VerdictParsing"/> is ignored), and the model gets seed 42, at most 1000
    /// output tokens and no temperature (<see cref="Temperature"/> is ignored).
    /// </summary>
    [EnumDataType(typeof(WebGenProfile))]
    public WebGenProfile Profile { get; set; }

    /// <summary>Most actions per run, the answer included; the last one is announced to the model as "answer now". Default 15.</summary>
    [Range(1, 200)]
    public int MaxActions { get; set; } = 15;

    /// <summary>How many of the latest screenshots stay in the model's context; older ones are replaced by a note. Default 3.</summary>
    [Range(1, 50)]
    public int ScreenshotsInContext { get; set; } = 3;

    /// <summary>
    /// Send the page's accessibility snapshot as text instead of screenshots, for models without vision.
    /// Screenshots are still taken for the trajectory. Default false.
    /// </summary>
    public bool TextOnly { get; set; }

    /// <summary>Browser window width. Default 1024.</summary>
    [Range(200, 4000)]
    public int ViewportWidth { get; set; } = 1024;

    /// <summary>Browser window height. Default 768.</summary>
    [Range(200, 4000)]
    public int ViewportHeight { get; set; } = 768;

    /// <summary>Most elements labelled per screenshot. Default 60.</summary>
    [Range(1, 500)]
    public int MaxLabels { get; set; } = 60;

    /// <summary>The same action repeated this many times in a row without changing the page ends the run. Default 3.</summary>
    [Range(2, 50)]
    public int RepeatedNoOpLimit { get; set; } = 3;

    /// <summary>Longest a click or type may wait for its element to become actionable. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for the first page load and for navigations an action starts. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan NavigationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After an action, how long no request may be in flight before the page counts as settled. Default 60 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan NetworkQuietPeriod { get; set; } = TimeSpan.FromMilliseconds(60);

    /// <summary>Cap on the settle wait after an action. Default 3 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SettleCap { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Cap of the <c>Wait</c> action, which returns as soon as the page changes. Default 3 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan WaitActionCap { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Longest accessibility snapshot sent in text-only mode. Default 6000 characters.</summary>
    [Range(200, 200_000)]
    public int MaxSnapshotChars { get; set; } = 6000;

    /// <summary>Keep each step's screenshot in the trajectory (memory: about 100 KB a step). Default true.</summary>
    public bool KeepScreenshots { get; set; } = true;

    /// <summary>How the final answer becomes the verdict. Default <see cref="GuiVerdictParsing.Exact"/>.</summary>
    public GuiVerdictParsing VerdictParsing { get; set; } = GuiVerdictParsing.Exact;

    /// <summary>Sampling temperature of the agent's model; null leaves the model's default. Default 0.</summary>
    [Range(0.0, 2.0)]
    public float? Temperature { get; set; } = 0f;

    /// <summary>Origins besides the site's own the browser may load from. Default none.</summary>
    public IList<string> AdditionalAllowedOrigins { get; set; } = [];

    internal WebVoyagerOptions Clone()
    {
        var copy = (WebVoyagerOptions)MemberwiseClone();
        copy.AdditionalAllowedOrigins = [.. AdditionalAllowedOrigins];
        return copy;
    }
}
