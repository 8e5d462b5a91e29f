namespace WebGen;

/// <summary>The built-in step pipeline.</summary>
public static class DefaultStepStages
{
    /// <summary>
    /// New instances of the built-in stages in their order: <see cref="FeedbackStage"/> (outermost),
    /// <see cref="WriteFilesStage"/>, <see cref="ShellStage"/>, <see cref="SandboxStage"/>, <see cref="CaptureStage"/>,
    /// <see cref="PreCheckStage"/>, <see cref="JudgeStage"/>, <see cref="GuiTestStage"/>. Stages added after them
    /// run once the site has been run, screenshotted, judged and GUI-tested, and before the feedback is composed.
    /// </summary>
    public static IReadOnlyList<IStepStage> Create() =>
        [new FeedbackStage(), new WriteFilesStage(), new ShellStage(), new SandboxStage(), new CaptureStage(), new PreCheckStage(), new JudgeStage(), new GuiTestStage()];

    /// <summary>The built-in stage types, in order (what <c>AddWebGenAgent</c> registers).</summary>
    public static IReadOnlyList<Type> Types { get; } =
        [typeof(FeedbackStage), typeof(WriteFilesStage), typeof(ShellStage), typeof(SandboxStage), typeof(CaptureStage), typeof(PreCheckStage), typeof(JudgeStage), typeof(GuiTestStage)];
}
