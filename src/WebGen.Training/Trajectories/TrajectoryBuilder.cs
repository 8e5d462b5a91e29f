namespace WebGen.Training;

/// <summary>Builds <see cref="Trajectory"/> records from agent results, rewards and advantages.</summary>
public static class TrajectoryBuilder
{
    /// <summary>
    /// Scores a group of results for the same prompt: rewards with <paramref name="rewardAdapter"/>, group advantages with
    /// <paramref name="estimator"/>, and one trajectory per result (indexed in the order given).
    /// </summary>
    /// <param name="promptId">The prompt id shared by the group.</param>
    /// <param name="results">The episodes' results.</param>
    /// <param name="rewardAdapter">The reward adapter, for example <see cref="StepGrpoRewardAdapter.Reference"/>.</param>
    /// <param name="estimator">Step-level or cumulative advantages.</param>
    /// <exception cref="InvalidOperationException">The reward adapter returned rewards that do not match the steps.</exception>
    public static IReadOnlyList<Trajectory> BuildGroup(
        string promptId,
        IReadOnlyList<WebGenResult> results,
        IStepRewardAdapter rewardAdapter,
        AdvantageEstimator estimator = AdvantageEstimator.StepLevel)
    {
        ArgumentNullException.ThrowIfNull(promptId);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(rewardAdapter);
        var rewards = new IReadOnlyList<StepReward>[results.Count];
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i] ?? throw new ArgumentException($"Result {i} is null.", nameof(results));
            rewards[i] = ComputeRewards(rewardAdapter, result);
        }

        var group = GroupAdvantages.Compute(rewards, estimator);
        var trajectories = new Trajectory[results.Count];
        for (var i = 0; i < results.Count; i++)
        {
            var trajectory = Build(promptId, i, results[i], rewards[i], group.Advantages[i]);
            trajectories[i] = trajectory with
            {
                Metadata = trajectory.Metadata with
                {
                    GroupSize = results.Count,
                    Estimator = estimator,
                    GroupRewardMean = group.Statistics.Mean,
                    GroupRewardStd = group.Statistics.StandardDeviation,
                    RewardAdapter = rewardAdapter.ToString() ?? "",
                },
            };
        }

        return trajectories;
    }

    /// <summary>Records test outcomes on a trajectory's steps (by step number), so the exported files carry them.</summary>
    /// <param name="trajectory">The trajectory.</param>
    /// <param name="outcomesByStep">Test outcomes by step number; steps without one keep none.</param>
    public static Trajectory WithTestOutcomes(Trajectory trajectory, IReadOnlyDictionary<int, StepTestOutcome> outcomesByStep)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(outcomesByStep);
        return trajectory with { Steps = [.. trajectory.Steps.Select(s => outcomesByStep.TryGetValue(s.Step, out var outcome) ? s with { Tests = outcome } : s)] };
    }

    /// <summary>Runs <paramref name="rewardAdapter"/> on <paramref name="result"/>'s steps and checks it returned one reward per step, in order.</summary>
    /// <param name="rewardAdapter">The reward adapter.</param>
    /// <param name="result">The episode.</param>
    /// <exception cref="InvalidOperationException">The adapter's rewards do not match the steps.</exception>
    public static IReadOnlyList<StepReward> ComputeRewards(IStepRewardAdapter rewardAdapter, WebGenResult result)
    {
        ArgumentNullException.ThrowIfNull(rewardAdapter);
        ArgumentNullException.ThrowIfNull(result);
        return StepRewardChecks.Checked(rewardAdapter.ComputeRewards(result.Steps), result.Steps, rewardAdapter);
    }

    /// <summary>Builds the trajectory of one episode.</summary>
    /// <param name="promptId">The prompt id of the group.</param>
    /// <param name="index">The trajectory's position in the group.</param>
    /// <param name="result">The episode's result.</param>
    /// <param name="rewards">One reward per step, in order.</param>
    /// <param name="advantages">One advantage per step, in order.</param>
    /// <exception cref="ArgumentException">The rewards or advantages do not match the steps.</exception>
    public static Trajectory Build(string promptId, int index, WebGenResult result, IReadOnlyList<StepReward> rewards, IReadOnlyList<double> advantages)
    {
        ArgumentNullException.ThrowIfNull(promptId);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentNullException.ThrowIfNull(advantages);
        var steps = result.Steps;
        if (rewards.Count != steps.Count || advantages.Count != steps.Count)
        {
            throw new ArgumentException($"Run {result.RunId} has {steps.Count} steps but {rewards.Count} rewards and {advantages.Count} advantages; pass one of each per step.", nameof(rewards));
        }

        var messages = new List<TrajectoryMessage>(2 + (2 * steps.Count));
        if (!string.IsNullOrEmpty(result.SystemPrompt))
        {
            messages.Add(new TrajectoryMessage { Role = TrajectoryRole.System, Content = result.SystemPrompt });
        }

        // What the model was shown: for a continued project the instruction is followed by the project's files.
        messages.Add(new TrajectoryMessage { Role = TrajectoryRole.User, Content = result.OpeningMessage ?? result.Instruction });
        var exportedSteps = new TrajectoryStep[steps.Count];
        var isLinear = true;
        for (var i = 0; i < steps.Count; i++)
        {
            var record = steps[i];
            var node = record.Node;
            var reward = rewards[i];
            if (reward is null || reward.Step != node.Step)
            {
                throw new ArgumentException($"Run {result.RunId}: the reward at position {i} is not the reward of step {node.Step}; pass rewards in step order.", nameof(rewards));
            }

            isLinear &= i == 0 ? node.Parent is null : node.Parent == steps[i - 1].Node.Step;
            messages.Add(new TrajectoryMessage
            {
                Role = TrajectoryRole.Assistant,
                Content = record.ModelOutput ?? "",
                Step = node.Step,
                Reward = reward.Value,
                Advantage = advantages[i],
            });
            if (!string.IsNullOrEmpty(record.Feedback))
            {
                messages.Add(new TrajectoryMessage { Role = TrajectoryRole.User, Content = record.Feedback, Step = node.Step });
            }

            exportedSteps[i] = new TrajectoryStep
            {
                Step = node.Step,
                Parent = node.Parent,
                Kind = node.Kind,
                ScreenshotGrade = node.ScreenshotGrade,
                GuiGrade = node.GuiGrade,
                HasError = node.HasError,
                Errors = [.. node.Errors],
                IsMalformed = reward.IsMalformed,
                RewardReason = reward.Reason,
                InheritedFromStep = reward.InheritedFromStep,
                Scores = [.. node.Scores.Select(s => new TrajectoryScore { Name = s.Name, Value = s.Value, Reason = s.Reason, IsFatal = s.IsFatal })],
            };
        }

        return new Trajectory
        {
            PromptId = promptId,
            Index = index,
            Instruction = result.Instruction,
            Messages = messages,
            Steps = exportedSteps,
            Metadata = new TrajectoryMetadata
            {
                RunId = result.RunId,
                StopReason = result.StopReason,
                ChosenStep = result.Chosen?.Step,
                Backtracks = result.Backtracks,
                Restarts = result.Restarts,
                IsLinear = isLinear,
                InputTokens = result.Usage?.InputTokenCount,
                OutputTokens = result.Usage?.OutputTokenCount,
                GroupSize = 1,
            },
        };
    }
}
