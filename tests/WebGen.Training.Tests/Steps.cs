namespace WebGen.Training.Tests;

/// <summary>Builds scripted step records for reward and rollout tests.</summary>
internal static class Steps
{
    public static StepRecord Code(int step, int? parent, int screenshot, string? output = null, int gui = 0, IReadOnlyList<ScreenshotScore>? scores = null) => new()
    {
        Node = new StepNode { Step = step, Parent = parent, Kind = StepKind.Code, ScreenshotGrade = screenshot, GuiGrade = gui, Scores = scores ?? [] },
        ModelOutput = output ?? $"<boltArtifact id=\"site\" title=\"Site\"><boltAction type=\"file\" filePath=\"src/App.jsx\">v{step}</boltAction></boltArtifact>",
        ActionTypes = ["file"],
        HasArtifact = true,
        Feedback = $"feedback after step {step}",
    };

    public static StepRecord Validate(int step, int? parent, int gui, int screenshot = 0, string? output = null, bool hasArtifact = false) => new()
    {
        Node = new StepNode { Step = step, Parent = parent, Kind = StepKind.Validate, ScreenshotGrade = screenshot, GuiGrade = gui },
        ModelOutput = output ?? "The page looks right.\n<boltAction type=\"screenshot_validated\"/>",
        ActionTypes = ["screenshot_validated"],
        HasArtifact = hasArtifact,
        Feedback = $"GUI test after step {step}",
    };

    public static StepRecord Finish(int step, int? parent, string? output = null) => new()
    {
        Node = new StepNode { Step = step, Parent = parent, Kind = StepKind.Finish },
        ModelOutput = output ?? "<boltAction type=\"finish\"/>",
        ActionTypes = ["finish"],
    };

    public static StepRecord Bad(int step, int? parent) => new()
    {
        Node = new StepNode { Step = step, Parent = parent, Kind = StepKind.BadFormat },
        ModelOutput = "I will now write the website.",
        Feedback = "Your answer had no action.",
    };

    public static WebGenResult Result(string runId, params StepRecord[] steps) => new()
    {
        RunId = runId,
        Instruction = "Build a to-do app with a blue header.",
        SystemPrompt = "You are a website builder. Answer in Bolt markup.",
        RunDirectory = "/tmp/runs/" + runId,
        WorkspacePath = "/tmp/runs/" + runId + "/workspace",
        Steps = steps,
        Chosen = steps.Length > 0 ? steps[^1].Node : null,
        StopReason = WebGenStopReason.MaxIterations,
    };

    /// <summary>Text of about <paramref name="length"/> characters with no repeated 50-character window (distinct letter words).</summary>
    public static string Prose(int length)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; builder.Length < length; i++)
        {
            builder.Append((char)('a' + (i / 676 % 26))).Append((char)('a' + (i / 26 % 26))).Append((char)('a' + (i % 26))).Append(' ');
        }

        return builder.ToString(0, length);
    }

    public static double[] Values(IReadOnlyList<StepReward> rewards) => [.. rewards.Select(r => r.Value)];
}
