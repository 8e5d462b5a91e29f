namespace WebGen.Training.Tests;

/// <summary>Trajectories with every field set, so round trips and schema checks cover every column.</summary>
internal static class Samples
{
    public static Trajectory Full(int index) => new()
    {
        PromptId = "webgen-bench-000042",
        Index = index,
        Instruction = "Build a recipe site with a \"search\" box; use <b>green</b> accents — ünïcödé ✓",
        Messages =
        [
            new TrajectoryMessage { Role = TrajectoryRole.System, Content = "You write sites in Bolt markup.\nAlways full files." },
            new TrajectoryMessage { Role = TrajectoryRole.User, Content = "Build a recipe site" },
            new TrajectoryMessage
            {
                Role = TrajectoryRole.Assistant,
                Content = "<boltArtifact id=\"a\" title=\"A\">\n<boltAction type=\"file\" filePath=\"src/App.jsx\">export default () => <h1>Hi & bye</h1>;</boltAction>\n</boltArtifact>",
                Step = 1,
                Reward = 7.5 + index,
                Advantage = 0.25 - index,
            },
            new TrajectoryMessage { Role = TrajectoryRole.User, Content = "Screenshot grade 4. Decide whether more changes are needed.", Step = 1 },
            new TrajectoryMessage { Role = TrajectoryRole.Assistant, Content = "<boltAction type=\"screenshot_validated\"/>", Step = 2, Reward = 7.5 + index, Advantage = 0.25 - index },
        ],
        Steps =
        [
            new TrajectoryStep
            {
                Step = 1,
                Kind = StepKind.Code,
                ScreenshotGrade = 4,
                GuiGrade = 0,
                HasError = true,
                Errors = ["console error: x is undefined"],
                RewardReason = "screenshot 4 + GUI 3 (validated at step 2)",
                Scores = [new TrajectoryScore { Name = "accessibility", Value = 0.5, Reason = "1 serious violation", IsFatal = false }],
                Tests = new StepTestOutcome { Suite = "web-bench/react through task-2", Passed = 6, Total = 7, Failed = ["test/task-2.spec.js:33 › Check Travel Item"] },
            },
            new TrajectoryStep
            {
                Step = 2,
                Parent = 1,
                Kind = StepKind.Validate,
                ScreenshotGrade = 4,
                GuiGrade = 3,
                IsMalformed = true,
                RewardReason = "inherits code step 1",
                InheritedFromStep = 1,
                Scores = [new TrajectoryScore { Name = "blank-page", Value = 1, Reason = "content", IsFatal = true }],
            },
        ],
        Metadata = new TrajectoryMetadata
        {
            RunId = $"webgen-bench-000042-abcd1234-{index}",
            StopReason = WebGenStopReason.TooManyRestarts,
            ChosenStep = 1,
            Backtracks = 2,
            Restarts = 1,
            IsLinear = true,
            InputTokens = 12345,
            OutputTokens = 678,
            GroupSize = 5,
            Estimator = AdvantageEstimator.Cumulative,
            GroupRewardMean = 3.2,
            GroupRewardStd = 4.604345773288535,
            RewardAdapter = "step-grpo(screenshot+gui)",
            DurationSeconds = 12.5,
        },
    };

    public static async IAsyncEnumerable<Trajectory> Stream(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return Full(i);
        }
    }

    public static async Task<List<Trajectory>> ToListAsync(IAsyncEnumerable<Trajectory> items)
    {
        var list = new List<Trajectory>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
