namespace WebGen.Training.Server;

/// <summary>
/// The answer to a reset or a step, shaped as OpenEnv's <c>ResetResponse</c>/<c>StepResponse</c> and as the <c>data</c> of
/// its WebSocket <c>observation</c> message (<c>serialize_observation</c>): the observation, the reward and <c>done</c>.
/// </summary>
internal sealed record class OpenEnvResult
{
    public required OpenEnvObservation Observation { get; init; }

    /// <summary>The step's reward; null after a reset.</summary>
    public double? Reward { get; init; }

    public required bool Done { get; init; }

    public static OpenEnvResult Reset(HostedEpisode episode) => new()
    {
        Observation = new OpenEnvObservation { EpisodeId = episode.Id, Messages = episode.Snapshot.Messages, Rewards = [], MaxSteps = episode.MaxSteps },
        Done = false,
    };

    public static OpenEnvResult Step(HostedEpisode episode, StepOutcome outcome)
    {
        var node = outcome.Record.Node;
        var feedback = outcome.Feedback;
        var reward = outcome.Rewards[^1];
        return new()
        {
            Observation = new OpenEnvObservation
            {
                EpisodeId = episode.Id,
                Messages = feedback.Length == 0 ? [] : [new ObservationMessage { Role = "user", Content = feedback }],
                Step = new StepInfo { Number = node.Step, Kind = node.Kind },
                Scores = StepScores.From(node),
                RewardInfo = StepRewardInfo.From(reward),
                Rewards = [.. outcome.Rewards.Select(r => r.Value)],
                MaxSteps = episode.MaxSteps,
                StopReason = outcome.StopReason,
            },
            Reward = reward.Value,
            Done = outcome.StopReason is not null,
        };
    }
}
