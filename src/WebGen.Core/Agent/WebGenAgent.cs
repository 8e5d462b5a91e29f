using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebGen;

/// <summary>
/// The default WebGen agent: the code model writes the site, the environment runs, screenshots, judges
/// and GUI-tests it, and the feedback goes back to the model. After <see cref="WebGenAgentOptions.ErrorLimit"/>
/// consecutive erroneous steps, or after an unexpected failure (at most <see cref="WebGenAgentOptions.MaxRestarts"/>
/// times), it backtracks to the best step; at the end select-best chooses the step whose files are returned.
/// </summary>
public sealed class WebGenAgent : IWebGenAgent
{
    private const string AgentName = "webgen";

    private readonly IChatClient _codeModel;
    private readonly WebGenEnvironment _environment;
    private readonly ILogger _logger;

    /// <summary>Creates the agent over an environment.</summary>
    /// <param name="codeModel">The code model.</param>
    /// <param name="environment">The environment that runs steps.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    public WebGenAgent(IChatClient codeModel, WebGenEnvironment environment, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(codeModel);
        ArgumentNullException.ThrowIfNull(environment);
        _codeModel = codeModel;
        _environment = environment;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<WebGenAgent>();
    }

    /// <summary>Creates the agent from its parts, without dependency injection.</summary>
    /// <param name="codeModel">The code model.</param>
    /// <param name="components">The sandbox, capturer, judge, scorers, GUI tester and step selector.</param>
    /// <param name="options">Loop options; defaults when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public WebGenAgent(IChatClient codeModel, WebGenComponents components, WebGenAgentOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(codeModel, new WebGenEnvironment(components, options, loggerFactory, timeProvider), loggerFactory)
    {
    }

    /// <summary>The environment the agent acts in.</summary>
    public WebGenEnvironment Environment => _environment;

    /// <inheritdoc />
    public async IAsyncEnumerable<WebGenEvent> RunStreamingAsync(WebGenRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var episode = await _environment.StartEpisodeAsync(request, cancellationToken).ConfigureAwait(false);
        await using (episode.ConfigureAwait(false))
        {
            await foreach (var e in LoopAsync(episode, cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WebGenEvent> ResumeStreamingAsync(string runDirectory, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        var episode = await _environment.ResumeEpisodeAsync(runDirectory, cancellationToken).ConfigureAwait(false);
        await using (episode.ConfigureAwait(false))
        {
            await foreach (var e in LoopAsync(episode, cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
    }

    private async IAsyncEnumerable<WebGenEvent> LoopAsync(WebGenEpisode episode, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var time = _environment.TimeProvider;
        yield return new RunStartedEvent
        {
            RunId = episode.RunId,
            Timestamp = time.GetUtcNow(),
            Instruction = episode.Instruction,
            RunDirectory = episode.RunDirectory,
            GuiTestInstruction = episode.GuiTestInstruction,
            IsResume = episode.IsResume,
        };

        if (episode.Result is { } ended)
        {
            yield return new RunCompletedEvent { RunId = episode.RunId, Step = ended.Steps.Count, Timestamp = time.GetUtcNow(), Result = ended };
            yield break;
        }

        // invoke_agent by the OpenTelemetry GenAI conventions. An iterator's ambient context does not survive its yields,
        // so each call below re-enters the run's span (Enter) for the spans it starts (chat, step, stages).
        using var activity = WebGenTelemetry.ActivitySource.StartActivity("invoke_agent " + AgentName);
        activity?.SetTag("gen_ai.operation.name", "invoke_agent");
        activity?.SetTag("gen_ai.agent.name", AgentName);
        activity?.SetTag("gen_ai.conversation.id", episode.RunId);
        activity?.SetTag("webgen.run_id", episode.RunId);
        activity?.SetTag("webgen.resume", episode.IsResume);
        void Enter()
        {
            if (activity is not null)
            {
                Activity.Current = activity;
            }
        }

        var options = _environment.Options;
        WebGenStopReason? stop = episode.IsFinished ? WebGenStopReason.Finished : null;
        while (stop is null)
        {
            if (episode.Steps.Count >= episode.MaxIterations)
            {
                stop = WebGenStopReason.MaxIterations;
                break;
            }

            yield return new StepStartedEvent { RunId = episode.RunId, Step = episode.Steps.Count + 1, Timestamp = time.GetUtcNow(), Parent = episode.CurrentNode };
            Enter();
            var call = await CallModelAsync(episode, cancellationToken).ConfigureAwait(false);
            if (call.Error is not null)
            {
                if (!LoopRules.CanRestart(episode.Restarts, options))
                {
                    stop = WebGenStopReason.TooManyRestarts;
                    break;
                }

                Enter();
                yield return await episode.RestartAsync("the code model call failed: " + call.Error, cancellationToken).ConfigureAwait(false);
                continue;
            }

            StepRecord? record = null;
            Enter();
            await foreach (var e in episode.StepStreamingAsync(call.Text, call.Usage, cancellationToken).ConfigureAwait(false))
            {
                if (e is StepCompletedEvent completed)
                {
                    record = completed.Record;
                }

                yield return e;
            }

            if (record!.Node.Kind == StepKind.Finish)
            {
                stop = WebGenStopReason.Finished;
            }
            else if (record.Exception is not null)
            {
                if (!LoopRules.CanRestart(episode.Restarts, options))
                {
                    stop = WebGenStopReason.TooManyRestarts;
                    break;
                }

                yield return await episode.RestartAsync($"step {record.Node.Step} failed unexpectedly ({record.Exception})", cancellationToken).ConfigureAwait(false);
            }
            else if (LoopRules.ShouldBacktrack(episode.ErrorCount, options))
            {
                yield return await episode.BacktrackAsync($"{episode.ErrorCount} consecutive steps had errors (limit {options.ErrorLimit})", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        Enter();
        var result = await episode.CompleteAsync(stop.Value, cancellationToken).ConfigureAwait(false);
        if (activity is not null)
        {
            activity.SetTag("webgen.stop_reason", result.StopReason.ToString());
            activity.SetTag("webgen.steps", result.Steps.Count);
            activity.SetTag("webgen.chosen_step", result.Chosen?.Step);
            activity.SetTag("webgen.grade.screenshot", result.Chosen?.ScreenshotGrade);
            activity.SetTag("webgen.grade.gui", result.Chosen?.GuiGrade);
            activity.SetTag("gen_ai.usage.input_tokens", result.Usage.InputTokenCount);
            activity.SetTag("gen_ai.usage.output_tokens", result.Usage.OutputTokenCount);
            if (result.StopReason == WebGenStopReason.TooManyRestarts)
            {
                activity.SetStatus(ActivityStatusCode.Error, "too many restarts");
                activity.SetTag("error.type", nameof(WebGenStopReason.TooManyRestarts));
            }
        }

        yield return new RunCompletedEvent { RunId = episode.RunId, Step = result.Steps.Count, Timestamp = time.GetUtcNow(), Result = result };
    }

    private async Task<ModelCall> CallModelAsync(WebGenEpisode episode, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new StepLogScope(episode.RunId, episode.Steps.Count + 1));
        var chatOptions = new ChatOptions { MaxOutputTokens = _environment.Options.MaxOutputTokens, Temperature = episode.Temperature, TopP = episode.TopP };
        try
        {
            var response = await _codeModel.GetResponseAsync(episode.Messages, chatOptions, cancellationToken).ConfigureAwait(false);
            return new ModelCall(response.Text, response.Usage, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ModelCallFailed(_logger, ex);
            return new ModelCall("", null, ex.GetType().Name + ": " + ex.Message);
        }
    }

    private sealed record ModelCall(string Text, UsageDetails? Usage, string? Error);
}
