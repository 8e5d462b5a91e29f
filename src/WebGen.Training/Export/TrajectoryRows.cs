namespace WebGen.Training;

/// <summary>Maps trajectories to and from their Parquet rows.</summary>
internal static class TrajectoryRows
{
    public static TrajectoryRow ToRow(Trajectory trajectory)
    {
        var messages = trajectory.Messages;
        var firstAssistant = messages.Count;
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Role == TrajectoryRole.Assistant)
            {
                firstAssistant = i;
                break;
            }
        }

        var assistantTurns = messages.Where(m => m.Role == TrajectoryRole.Assistant).ToList();
        var metadata = trajectory.Metadata;
        return new TrajectoryRow
        {
            PromptId = trajectory.PromptId,
            Index = trajectory.Index,
            Instruction = trajectory.Instruction,
            Prompt = [.. messages.Take(firstAssistant).Select(m => new PromptMessageRow { Role = SnakeCaseNames<TrajectoryRole>.Name(m.Role), Content = m.Content })],
            Messages =
            [
                .. messages.Select(m => new MessageRow
                {
                    Role = SnakeCaseNames<TrajectoryRole>.Name(m.Role),
                    Content = m.Content,
                    Step = m.Step,
                    Reward = m.Reward,
                    Advantage = m.Advantage,
                }),
            ],
            Rewards = [.. assistantTurns.Select(m => m.Reward ?? 0)],
            Advantages = [.. assistantTurns.Select(m => m.Advantage ?? 0)],
            Steps =
            [
                .. trajectory.Steps.Select(s => new StepRow
                {
                    Step = s.Step,
                    Parent = s.Parent,
                    Kind = SnakeCaseNames<StepKind>.Name(s.Kind),
                    ScreenshotGrade = s.ScreenshotGrade,
                    GuiGrade = s.GuiGrade,
                    HasError = s.HasError,
                    Errors = [.. s.Errors],
                    IsMalformed = s.IsMalformed,
                    RewardReason = s.RewardReason,
                    InheritedFromStep = s.InheritedFromStep,
                    Scores = [.. s.Scores.Select(c => new ScoreRow { Name = c.Name, Value = c.Value, Reason = c.Reason, IsFatal = c.IsFatal })],
                    Tests = s.Tests is { } tests ? new TestsRow { Suite = tests.Suite, Passed = tests.Passed, Total = tests.Total, Failed = [.. tests.Failed] } : null,
                }),
            ],
            Metadata = new MetadataRow
            {
                RunId = metadata.RunId,
                StopReason = SnakeCaseNames<WebGenStopReason>.Name(metadata.StopReason),
                ChosenStep = metadata.ChosenStep,
                Backtracks = metadata.Backtracks,
                Restarts = metadata.Restarts,
                IsLinear = metadata.IsLinear,
                InputTokens = metadata.InputTokens,
                OutputTokens = metadata.OutputTokens,
                GroupSize = metadata.GroupSize,
                Estimator = SnakeCaseNames<AdvantageEstimator>.Name(metadata.Estimator),
                GroupRewardMean = metadata.GroupRewardMean,
                GroupRewardStd = metadata.GroupRewardStd,
                RewardAdapter = metadata.RewardAdapter,
                DurationSeconds = metadata.DurationSeconds,
            },
        };
    }

    public static Trajectory FromRow(TrajectoryRow row)
    {
        var metadata = row.Metadata ?? new MetadataRow();
        return new Trajectory
        {
            PromptId = row.PromptId ?? "",
            Index = row.Index,
            Instruction = row.Instruction ?? "",
            Messages =
            [
                .. (row.Messages ?? []).Select(m => new TrajectoryMessage
                {
                    Role = SnakeCaseNames<TrajectoryRole>.Parse(m.Role, "messages.role"),
                    Content = m.Content ?? "",
                    Step = m.Step,
                    Reward = m.Reward,
                    Advantage = m.Advantage,
                }),
            ],
            Steps =
            [
                .. (row.Steps ?? []).Select(s => new TrajectoryStep
                {
                    Step = s.Step,
                    Parent = s.Parent,
                    Kind = SnakeCaseNames<StepKind>.Parse(s.Kind, "steps.kind"),
                    ScreenshotGrade = s.ScreenshotGrade,
                    GuiGrade = s.GuiGrade,
                    HasError = s.HasError,
                    Errors = [.. s.Errors ?? []],
                    IsMalformed = s.IsMalformed,
                    RewardReason = s.RewardReason ?? "",
                    InheritedFromStep = s.InheritedFromStep,
                    Scores = [.. (s.Scores ?? []).Select(c => new TrajectoryScore { Name = c.Name ?? "", Value = c.Value, Reason = c.Reason ?? "", IsFatal = c.IsFatal })],
                    Tests = s.Tests is { } tests ? new StepTestOutcome { Suite = tests.Suite ?? "", Passed = tests.Passed, Total = tests.Total, Failed = [.. tests.Failed ?? []] } : null,
                }),
            ],
            Metadata = new TrajectoryMetadata
            {
                RunId = metadata.RunId ?? "",
                StopReason = SnakeCaseNames<WebGenStopReason>.Parse(metadata.StopReason, "metadata.stop_reason"),
                ChosenStep = metadata.ChosenStep,
                Backtracks = metadata.Backtracks,
                Restarts = metadata.Restarts,
                IsLinear = metadata.IsLinear,
                InputTokens = metadata.InputTokens,
                OutputTokens = metadata.OutputTokens,
                GroupSize = metadata.GroupSize,
                Estimator = SnakeCaseNames<AdvantageEstimator>.Parse(metadata.Estimator, "metadata.estimator"),
                GroupRewardMean = metadata.GroupRewardMean,
                GroupRewardStd = metadata.GroupRewardStd,
                RewardAdapter = metadata.RewardAdapter ?? "",
                DurationSeconds = metadata.DurationSeconds,
            },
        };
    }
}
