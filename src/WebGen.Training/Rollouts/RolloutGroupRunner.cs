using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebGen.Training;

/// <summary>
/// Samples Step-GRPO rollout groups: runs N episodes of the same prompt concurrently (bounded), each capped at K steps,
/// scores their steps with a reward adapter, normalises the rewards across the group and returns the trajectories.
/// </summary>
/// <remarks>
/// An episode that throws, times out, or whose rewards cannot be computed is recorded in <see cref="RolloutGroup.Failures"/>
/// and left out of the group statistics; only cancellation by the caller ends the group early (with
/// <see cref="OperationCanceledException"/>; the episodes' runs stay checkpointed in their run directories).
/// </remarks>
public sealed partial class RolloutGroupRunner
{
    private readonly Func<int, IWebGenAgent> agentFactory;
    private readonly bool ownsAgents;
    private readonly IStepRewardAdapter rewardAdapter;
    private readonly RolloutOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates a runner that uses one agent for every episode (the agent must support concurrent runs).</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="rewardAdapter">The reward adapter; the reference Step-GRPO reward when null.</param>
    /// <param name="options">Group size, step budget, concurrency; reference values when null.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="timeProvider">The clock for timeouts and durations; the system clock when null.</param>
    public RolloutGroupRunner(IWebGenAgent agent, IStepRewardAdapter? rewardAdapter = null, RolloutOptions? options = null, ILogger<RolloutGroupRunner>? logger = null, TimeProvider? timeProvider = null)
        : this(Shared(agent), ownsAgents: false, rewardAdapter, options, logger, timeProvider)
    {
    }

    /// <summary>Creates a runner that asks <paramref name="agentFactory"/> for an agent per episode; disposable agents are disposed after their episode.</summary>
    /// <param name="agentFactory">Creates the agent of the episode with the given index.</param>
    /// <param name="rewardAdapter">The reward adapter; the reference Step-GRPO reward when null.</param>
    /// <param name="options">Group size, step budget, concurrency; reference values when null.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="timeProvider">The clock for timeouts and durations; the system clock when null.</param>
    public RolloutGroupRunner(Func<int, IWebGenAgent> agentFactory, IStepRewardAdapter? rewardAdapter = null, RolloutOptions? options = null, ILogger<RolloutGroupRunner>? logger = null, TimeProvider? timeProvider = null)
        : this(agentFactory, ownsAgents: true, rewardAdapter, options, logger, timeProvider)
    {
    }

    private RolloutGroupRunner(Func<int, IWebGenAgent> agentFactory, bool ownsAgents, IStepRewardAdapter? rewardAdapter, RolloutOptions? options, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(agentFactory);
        this.agentFactory = agentFactory;
        this.ownsAgents = ownsAgents;
        this.rewardAdapter = rewardAdapter ?? StepGrpoRewardAdapter.Reference;
        this.options = options ?? new RolloutOptions();
        TrainingOptionsValidator.ThrowIfInvalid(this.options, nameof(options));
        if (this.options.EpisodeTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Invalid options: RolloutOptions.EpisodeTimeout must be positive or null.", nameof(options));
        }

        this.logger = logger ?? NullLogger.Instance;
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Runs one rollout group.</summary>
    /// <param name="request">The prompt, and optional overrides of group size and step budget.</param>
    /// <param name="progress">Receives episode and step reports, from several threads at once.</param>
    /// <param name="cancellationToken">Stops every episode and throws <see cref="OperationCanceledException"/>.</param>
    public async Task<RolloutGroup> RunAsync(RolloutRequest request, IProgress<RolloutProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.PromptId, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Instruction, nameof(request));
        var groupSize = request.GroupSize ?? options.GroupSize;
        var maxSteps = request.MaxSteps ?? options.MaxSteps;
        if (groupSize < 1 || maxSteps < 1)
        {
            throw new ArgumentException("RolloutRequest.GroupSize and MaxSteps must be at least 1 when set.", nameof(request));
        }

        var groupToken = Guid.NewGuid().ToString("N")[..8];
        var prefix = SanitiseRunId(request.PromptId);
        var outcomes = new EpisodeOutcome[groupSize];
        var counters = new Counters(groupSize);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, groupSize),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var runId = $"{prefix}-{groupToken}-{index}";
                outcomes[index] = await RunEpisodeAsync(request, index, runId, maxSteps, counters, progress, token).ConfigureAwait(false);
            }).ConfigureAwait(false);

        var group = Score(request, outcomes);
        LogGroupCompleted(logger, request.PromptId, group.Trajectories.Count, group.Failures.Count, group.Statistics.Mean, group.Statistics.StandardDeviation);
        return group;
    }

    /// <summary>Runs one rollout group per request, one group at a time, yielding each group as soon as it is scored.</summary>
    /// <param name="requests">The prompts.</param>
    /// <param name="progress">Receives episode and step reports.</param>
    /// <param name="cancellationToken">Stops the current group and throws <see cref="OperationCanceledException"/>.</param>
    public async IAsyncEnumerable<RolloutGroup> RunManyAsync(IEnumerable<RolloutRequest> requests, IProgress<RolloutProgress>? progress = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            yield return await RunAsync(request, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Func<int, IWebGenAgent> Shared(IWebGenAgent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return _ => agent;
    }

    private static string SanitiseRunId(string promptId)
    {
        var builder = new StringBuilder(Math.Min(promptId.Length, 48));
        foreach (var c in promptId)
        {
            if (builder.Length == 48)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return builder.Length == 0 ? "prompt" : builder.ToString();
    }

    private async Task<EpisodeOutcome> RunEpisodeAsync(RolloutRequest request, int index, string runId, int maxSteps, Counters counters, IProgress<RolloutProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(Progress(RolloutProgressKind.EpisodeStarted, request, index, runId, counters));
        var started = timeProvider.GetTimestamp();
        using var timeout = options.EpisodeTimeout is { } limit ? new CancellationTokenSource(limit, timeProvider) : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout?.Token ?? CancellationToken.None);
        IWebGenAgent? agent = null;
        try
        {
            agent = agentFactory(index) ?? throw new InvalidOperationException("The agent factory returned null.");
            var webGenRequest = new WebGenRequest
            {
                Instruction = request.Instruction,
                RunId = runId,
                RunDirectory = options.RunsDirectory is { } runs ? Path.Combine(runs, runId) : null,
                MaxIterations = maxSteps,
                Temperature = options.Temperature,
                TopP = options.TopP,
            };
            WebGenResult? result = null;
            await foreach (var e in agent.RunStreamingAsync(webGenRequest, linked.Token).WithCancellation(linked.Token).ConfigureAwait(false))
            {
                switch (e)
                {
                    case StepCompletedEvent step:
                        progress?.Report(Progress(RolloutProgressKind.StepCompleted, request, index, runId, counters) with { Step = step.Record.Node });
                        break;
                    case RunCompletedEvent completed:
                        result = completed.Result;
                        break;
                }
            }

            if (result is null)
            {
                return Fail(request, index, runId, counters, progress, new EpisodeFailure { Index = index, RunId = runId, Error = "The agent's event stream ended without a RunCompletedEvent." });
            }

            var duration = timeProvider.GetElapsedTime(started);
            Interlocked.Increment(ref counters.Completed);
            LogEpisodeCompleted(logger, request.PromptId, index, result.Steps.Count, duration.TotalSeconds);
            progress?.Report(Progress(RolloutProgressKind.EpisodeCompleted, request, index, runId, counters));
            return new EpisodeOutcome { RunId = runId, Result = result, Duration = duration };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (timeout?.IsCancellationRequested == true)
        {
            return Fail(request, index, runId, counters, progress, new EpisodeFailure
            {
                Index = index,
                RunId = runId,
                Error = $"The episode timed out after {options.EpisodeTimeout}.",
                ExceptionType = e.GetType().Name,
                TimedOut = true,
            });
        }
#pragma warning disable CA1031 // A failing episode is data of the group, whatever the agent threw.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Fail(request, index, runId, counters, progress, new EpisodeFailure { Index = index, RunId = runId, Error = e.Message, ExceptionType = e.GetType().Name });
        }
        finally
        {
            if (ownsAgents)
            {
                await DisposeAsync(agent).ConfigureAwait(false);
            }
        }
    }

    private static async ValueTask DisposeAsync(IWebGenAgent? agent)
    {
        switch (agent)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private EpisodeOutcome Fail(RolloutRequest request, int index, string runId, Counters counters, IProgress<RolloutProgress>? progress, EpisodeFailure failure)
    {
        Interlocked.Increment(ref counters.Failed);
        LogEpisodeFailed(logger, request.PromptId, index, runId, failure.Error);
        progress?.Report(Progress(RolloutProgressKind.EpisodeFailed, request, index, runId, counters) with { Error = failure.Error });
        return new EpisodeOutcome { RunId = runId, Failure = failure };
    }

    private RolloutGroup Score(RolloutRequest request, EpisodeOutcome[] outcomes)
    {
        var failures = new List<EpisodeFailure>();
        var scored = new List<(int Index, EpisodeOutcome Outcome, IReadOnlyList<StepReward> Rewards)>();
        for (var i = 0; i < outcomes.Length; i++)
        {
            var outcome = outcomes[i];
            if (outcome.Failure is { } failure)
            {
                failures.Add(failure);
                continue;
            }

            try
            {
                scored.Add((i, outcome, TrajectoryBuilder.ComputeRewards(rewardAdapter, outcome.Result!)));
            }
#pragma warning disable CA1031 // A reward adapter failing on one trajectory must not lose the others.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var message = $"The reward adapter {rewardAdapter} failed: {e.Message}";
                LogEpisodeFailed(logger, request.PromptId, i, outcome.RunId, message);
                failures.Add(new EpisodeFailure { Index = i, RunId = outcome.RunId, Error = message, ExceptionType = e.GetType().Name });
            }
        }

        var advantages = GroupAdvantages.Compute([.. scored.Select(s => s.Rewards)], options.Estimator);
        var trajectories = new Trajectory[scored.Count];
        for (var k = 0; k < scored.Count; k++)
        {
            var (index, outcome, rewards) = scored[k];
            var trajectory = TrajectoryBuilder.Build(request.PromptId, index, outcome.Result!, rewards, advantages.Advantages[k]);
            trajectories[k] = trajectory with
            {
                Metadata = trajectory.Metadata with
                {
                    GroupSize = scored.Count,
                    Estimator = options.Estimator,
                    GroupRewardMean = advantages.Statistics.Mean,
                    GroupRewardStd = advantages.Statistics.StandardDeviation,
                    RewardAdapter = rewardAdapter.ToString() ?? "",
                    DurationSeconds = outcome.Duration.TotalSeconds,
                },
            };
        }

        failures.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new RolloutGroup
        {
            PromptId = request.PromptId,
            Instruction = request.Instruction,
            Trajectories = trajectories,
            Failures = failures,
            Statistics = advantages.Statistics,
            Estimator = options.Estimator,
        };
    }

    private static RolloutProgress Progress(RolloutProgressKind kind, RolloutRequest request, int index, string runId, Counters counters) => new()
    {
        Kind = kind,
        PromptId = request.PromptId,
        EpisodeIndex = index,
        RunId = runId,
        CompletedEpisodes = Volatile.Read(ref counters.Completed),
        FailedEpisodes = Volatile.Read(ref counters.Failed),
        GroupSize = counters.GroupSize,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rollout {PromptId}: episode {Index} completed with {Steps} steps in {Seconds:0.0} s")]
    private static partial void LogEpisodeCompleted(ILogger logger, string promptId, int index, int steps, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {PromptId}: episode {Index} ({RunId}) failed: {Error}")]
    private static partial void LogEpisodeFailed(ILogger logger, string promptId, int index, string runId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {PromptId}: {Trajectories} trajectories, {Failures} failed; reward mean {Mean:0.###}, std {Std:0.###}")]
    private static partial void LogGroupCompleted(ILogger logger, string promptId, int trajectories, int failures, double mean, double std);

    private sealed class Counters(int groupSize)
    {
        public int Completed;
        public int Failed;

        public int GroupSize { get; } = groupSize;
    }

    private sealed record class EpisodeOutcome
    {
        public required string RunId { get; init; }

        public WebGenResult? Result { get; init; }

        public EpisodeFailure? Failure { get; init; }

        public TimeSpan Duration { get; init; }
    }
}
