using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace WebGen.Playwright;

/// <summary>
/// A WebVoyager-style GUI agent. Each step labels the visible interactive elements with numbers drawn on
/// the page (set-of-marks), sends the labelled screenshot and the element list to a vision model, parses
/// one action (<c>Click [n]</c>, <c>Type [n]; text</c>, <c>Scroll [n|WINDOW]; up|down</c>, <c>Wait</c>,
/// <c>GoBack</c>, <c>ANSWER; text</c>) and executes it in an isolated browser context limited to the
/// site's origin. Invalid actions and failed executions go back to the model as observations; repeating
/// an action that changes nothing ends the run early. Usable directly (WebGen-Bench evaluation) or through
/// <see cref="WebVoyagerGuiTester"/>.
/// </summary>
public sealed partial class WebVoyagerAgent
{
    private readonly PlaywrightBrowserProvider _browser;
    private readonly IChatClient _chatClient;
    private readonly WebVoyagerOptions _defaults;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates the agent.</summary>
    /// <param name="browser">The shared browser.</param>
    /// <param name="chatClient">The model that chooses actions (vision-capable unless <see cref="WebVoyagerOptions.TextOnly"/>).</param>
    /// <param name="options">Default run settings; defaults when null.</param>
    /// <param name="logger">Logs steps and failures.</param>
    /// <param name="timeProvider">Clock for durations and settle waits.</param>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public WebVoyagerAgent(
        PlaywrightBrowserProvider browser,
        IChatClient chatClient,
        IOptions<WebVoyagerOptions>? options = null,
        ILogger<WebVoyagerAgent>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(chatClient);
        _browser = browser;
        _chatClient = chatClient;
        _defaults = PlaywrightOptionsValidator.Validated(options?.Value ?? new WebVoyagerOptions());
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Opens <paramref name="url"/> in a fresh, isolated browser context and lets the model work on
    /// <paramref name="task"/> until it answers, the action limit is reached or it stalls. Site, model and
    /// browser failures are recorded in the result; only cancellation and invalid arguments throw.
    /// </summary>
    /// <param name="url">The site (absolute http or https).</param>
    /// <param name="task">What to do and what to answer, for example a WebGen-Bench test case.</param>
    /// <param name="options">Settings for this run instead of the agent's defaults.</param>
    /// <param name="cancellationToken">Cancels the run and closes its browser context.</param>
    public async Task<WebVoyagerRun> RunAsync(Uri url, string task, WebVoyagerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The GUI agent needs an absolute http(s) address, got '{url}'.", nameof(url));
        }

        var settings = options is null ? _defaults : PlaywrightOptionsValidator.Validated(options.Clone());
        using var activity = PlaywrightTelemetry.Source.StartActivity("webgen.playwright.gui_agent.run");
        activity?.SetTag("url.full", url.ToString());
        var run = new Run(this, settings, url, task);
        var site = await SitePage.OpenAsync(_browser, url, settings.ViewportWidth, settings.ViewportHeight, [.. settings.AdditionalAllowedOrigins], _time, cancellationToken).ConfigureAwait(false);
        await using (site.ConfigureAwait(false))
        {
            var result = await run.ExecuteAsync(site, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("webgen.gui_agent.steps", result.Trajectory.Count);
            activity?.SetTag("webgen.gui_agent.verdict", result.Verdict.ToString());
            activity?.SetTag("webgen.gui_agent.stop_reason", result.StopReason.ToString());
            if (result.Failure is not null)
            {
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, result.Failure);
            }

            return result;
        }
    }

    // The reference agent's model call: seed 42 and at most 1000 tokens, no temperature.
    private const int ReferenceSeed = 42;
    private const int ReferenceMaxOutputTokens = 1000;

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "GUI agent step {Index}: {Action} {Error}")]
    private static partial void LogStep(ILogger logger, int index, string action, string? error);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "GUI agent run on {Url} ended: {StopReason} after {Steps} steps, verdict {Verdict}")]
    private static partial void LogRunEnded(ILogger logger, Uri url, WebVoyagerStopReason stopReason, int steps, GuiVerdict verdict);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "GUI agent run on {Url} failed: {Failure}")]
    private static partial void LogRunFailed(ILogger logger, Uri url, string failure);

    /// <summary>The state of one run.</summary>
    private sealed class Run(WebVoyagerAgent agent, WebVoyagerOptions options, Uri url, string task)
    {
        private readonly List<Turn> _turns = [];
        private readonly List<GuiTrajectoryStep> _steps = [];
        private readonly long _started = agent._time.GetTimestamp();
        private UsageDetails? _usage;
        private string? _lastOutput;

        public async Task<WebVoyagerRun> ExecuteAsync(SitePage site, CancellationToken cancellationToken)
        {
            try
            {
                await site.Page.GotoAsync(url.ToString(), new PageGotoOptions
                {
                    WaitUntil = WaitUntilState.Load,
                    Timeout = (float)options.NavigationTimeout.TotalMilliseconds,
                }).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                return Finish(site, WebVoyagerStopReason.NavigationFailed, null, "The site could not be opened: " + FirstLine(ex.Message));
            }

            try
            {
                return await LoopAsync(site, cancellationToken).ConfigureAwait(false);
            }
            catch (PlaywrightException ex)
            {
                return Finish(site, WebVoyagerStopReason.BrowserFailed, null, "The browser failed: " + FirstLine(ex.Message));
            }
        }

        private async Task<WebVoyagerRun> LoopAsync(SitePage site, CancellationToken cancellationToken)
        {
            await SettleAsync(site, cancellationToken).ConfigureAwait(false);
            var fingerprint = await site.Page.EvaluateAsync<string>(AgentScripts.Fingerprint).ConfigureAwait(false);
            string? feedback = null;
            string? repeatedAction = null;
            var repeats = 0;
            var reference = options.Profile == WebGenProfile.Reference;
            for (var index = 0; index < options.MaxActions; index++)
            {
                if (reference && index == options.MaxActions - 1)
                {
                    return await AskForVerdictAsync(site, cancellationToken).ConfigureAwait(false);
                }

                var observation = await ObserveAsync(site, feedback, index == options.MaxActions - 1, cancellationToken).ConfigureAwait(false);
                if (_steps.Count > 0)
                {
                    _steps[^1] = _steps[^1] with { ScreenshotAfter = Keep(observation.Png), UrlAfter = observation.Url };
                }

                ChatResponse response;
                try
                {
                    response = await agent._chatClient.GetResponseAsync(Compose(observation), ChatOptions(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    return Finish(site, WebVoyagerStopReason.ModelFailed, null, $"The model call failed: {ex.GetType().Name}: {FirstLine(ex.Message)}");
                }

                AddUsage(response.Usage);
                var output = response.Text ?? "";
                _lastOutput = output;
                _turns.Add(new Turn(observation.Text, observation.Png, observation.Snapshot, output));
                var action = AgentActionParser.Parse(output);
                var target = action.Label is { } n ? observation.Elements.FirstOrDefault(e => e.Label == n) : null;
                var step = new GuiTrajectoryStep
                {
                    Index = index,
                    Action = action.Kind,
                    ModelOutput = output,
                    Thought = action.Thought,
                    TargetLabel = action.Label,
                    TargetDescription = target?.Describe(),
                    Argument = action.Kind switch
                    {
                        GuiActionKind.Type or GuiActionKind.Answer => action.Text,
                        GuiActionKind.Scroll => action.Down ? "down" : "up",
                        _ => null,
                    },
                };

                if (action.Kind == GuiActionKind.Answer)
                {
                    _steps.Add(step with { ScreenshotAfter = Keep(observation.Png), UrlAfter = observation.Url });
                    LogStep(agent._logger, index, action.Canonical, null);
                    PlaywrightTelemetry.AgentActions.Add(1, new KeyValuePair<string, object?>("webgen.gui_agent.action", action.Kind.ToString()));
                    return Finish(site, WebVoyagerStopReason.Answered, action.Text, null);
                }

                var error = action.Kind == GuiActionKind.Invalid
                    ? AgentPrompts.InvalidReply(action.Problem!)
                    : await ExecuteAsync(site, action, observation, cancellationToken).ConfigureAwait(false);
                await SettleAsync(site, cancellationToken).ConfigureAwait(false);
                var after = await site.Page.EvaluateAsync<string>(AgentScripts.Fingerprint).ConfigureAwait(false);
                var changed = after != fingerprint;
                fingerprint = after;
                if (site.Page.Url.StartsWith("chrome-error:", StringComparison.Ordinal))
                {
                    error ??= "the page could not be loaded (only the site's own address is reachable); use GoBack.";
                }

                feedback = error ?? Done(action, target) + (changed ? "" : " The page did not visibly change.");
                _steps.Add(step with { Error = error });
                LogStep(agent._logger, index, action.Canonical, error);
                PlaywrightTelemetry.AgentActions.Add(1, new KeyValuePair<string, object?>("webgen.gui_agent.action", action.Kind.ToString()));

                if (changed)
                {
                    repeatedAction = null;
                    repeats = 0;
                }
                else if (action.Canonical == repeatedAction)
                {
                    repeats++;
                }
                else
                {
                    repeatedAction = action.Canonical;
                    repeats = 1;
                }

                if (!reference && repeats >= options.RepeatedNoOpLimit)
                {
                    await CloseLastStepAsync(site).ConfigureAwait(false);
                    return Finish(site, WebVoyagerStopReason.RepeatedNoOp, null, null);
                }
            }

            await CloseLastStepAsync(site).ConfigureAwait(false);
            return Finish(site, WebVoyagerStopReason.ActionLimit, null, null);
        }

        /// <summary>
        /// The reference agent's last turn: instead of an observation, the reference's limit prompt (text only) asks for
        /// the verdict; the reply is the run's last message whatever it holds.
        /// </summary>
        private async Task<WebVoyagerRun> AskForVerdictAsync(SitePage site, CancellationToken cancellationToken)
        {
            await CloseLastStepAsync(site).ConfigureAwait(false);
            var messages = Compose(null);
            messages.Add(new ChatMessage(ChatRole.User, AgentPrompts.ReferenceLimit(task)));
            ChatResponse response;
            try
            {
                response = await agent._chatClient.GetResponseAsync(messages, ChatOptions(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return Finish(site, WebVoyagerStopReason.ModelFailed, null, $"The model call failed: {ex.GetType().Name}: {FirstLine(ex.Message)}");
            }

            AddUsage(response.Usage);
            _lastOutput = response.Text ?? "";
            var action = AgentActionParser.Parse(_lastOutput);
            return Finish(site, WebVoyagerStopReason.ActionLimit, action.Kind == GuiActionKind.Answer ? action.Text : null, null);
        }

        /// <summary>Page content enters the prompts fenced as untrusted data, except in the Reference profile (the reference's prompts).</summary>
        private bool Fenced => options.Profile == WebGenProfile.Enhanced;

        /// <summary>The model call's settings: the reference's seed and output cap, or the configured temperature.</summary>
        private ChatOptions ChatOptions() => options.Profile == WebGenProfile.Reference
            ? new ChatOptions { Seed = ReferenceSeed, MaxOutputTokens = ReferenceMaxOutputTokens }
            : new ChatOptions { Temperature = options.Temperature };

        private async Task<Observation> ObserveAsync(SitePage site, string? feedback, bool lastAction, CancellationToken cancellationToken)
        {
            var page = site.Page;
            var elements = await page.EvaluateAsync<MarkedElement[]>(AgentScripts.Label, options.MaxLabels).WaitAsync(cancellationToken).ConfigureAwait(false);
            var png = await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png }).WaitAsync(cancellationToken).ConfigureAwait(false);
            await page.EvaluateAsync(AgentScripts.Unlabel).ConfigureAwait(false);
            string? snapshot = null;
            if (options.TextOnly)
            {
                snapshot = await page.AriaSnapshotAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                if (snapshot.Length > options.MaxSnapshotChars)
                {
                    snapshot = string.Concat(snapshot.AsSpan(0, options.MaxSnapshotChars), "\n…");
                }
            }

            var title = await page.TitleAsync().ConfigureAwait(false);
            var text = AgentPrompts.Observation(feedback, page.Url, title, elements, lastAction, Fenced);
            return new Observation(text, png, snapshot, elements, page.Url);
        }

        /// <summary>The conversation so far, ending with <paramref name="current"/> when there is one.</summary>
        private List<ChatMessage> Compose(Observation? current)
        {
            var messages = new List<ChatMessage> { new(ChatRole.System, AgentPrompts.System(options.TextOnly, Fenced)) };
            var total = _turns.Count + (current is null ? 0 : 1);
            for (var k = 0; k < total; k++)
            {
                var (text, png, snapshot) = k < _turns.Count
                    ? (_turns[k].Observation, _turns[k].Png, _turns[k].Snapshot)
                    : (current!.Text, current.Png, current.Snapshot);
                var recent = k >= total - options.ScreenshotsInContext;
                var contents = new List<AIContent> { new TextContent((k == 0 ? AgentPrompts.Task(task, url) + "\n\n" : "") + text) };
                if (options.TextOnly)
                {
                    contents.Add(new TextContent(recent && snapshot is not null ? AgentPrompts.Snapshot(snapshot, Fenced) : AgentPrompts.SnapshotOmitted));
                }
                else if (recent)
                {
                    contents.Add(new DataContent(png, "image/png"));
                }
                else
                {
                    contents.Add(new TextContent(AgentPrompts.ScreenshotOmitted));
                }

                messages.Add(new ChatMessage(ChatRole.User, contents));
                if (k < _turns.Count)
                {
                    messages.Add(new ChatMessage(ChatRole.Assistant, _turns[k].Output));
                }
            }

            return messages;
        }

        private async Task<string?> ExecuteAsync(SitePage site, AgentAction action, Observation observation, CancellationToken cancellationToken)
        {
            var page = site.Page;
            ILocator? element = null;
            if (action.Label is { } label)
            {
                if (observation.Elements.All(e => e.Label != label))
                {
                    return $"there is no element [{label}] in the current list; use one of the numbers shown.";
                }

                element = page.Locator($"[{AgentScripts.MarkAttribute}=\"{label}\"]");
                if (await element.CountAsync().ConfigureAwait(false) == 0)
                {
                    return $"element [{label}] is no longer on the page.";
                }

                element = element.First;
            }

            var timeout = (float)options.ActionTimeout.TotalMilliseconds;
            try
            {
                switch (action.Kind)
                {
                    case GuiActionKind.Click:
                        await element!.EvaluateAsync(AgentScripts.SameTab).ConfigureAwait(false);
                        await element.ClickAsync(new LocatorClickOptions { Timeout = timeout }).WaitAsync(cancellationToken).ConfigureAwait(false);
                        return null;

                    case GuiActionKind.Type:
                        await element!.FillAsync(action.Text ?? "", new LocatorFillOptions { Timeout = timeout }).WaitAsync(cancellationToken).ConfigureAwait(false);
                        await element.PressAsync("Enter", new LocatorPressOptions { Timeout = timeout }).WaitAsync(cancellationToken).ConfigureAwait(false);
                        return null;

                    case GuiActionKind.Scroll when element is null:
                        await page.EvaluateAsync(AgentScripts.ScrollWindow, action.Down).ConfigureAwait(false);
                        return null;

                    case GuiActionKind.Scroll:
                        await element.HoverAsync(new LocatorHoverOptions { Timeout = timeout }).WaitAsync(cancellationToken).ConfigureAwait(false);
                        await page.Mouse.WheelAsync(0, (action.Down ? 1 : -1) * options.ViewportHeight * 2 / 3).ConfigureAwait(false);
                        return null;

                    case GuiActionKind.Wait:
                        await page.EvaluateAsync<bool>(AgentScripts.WaitForChange, (int)options.WaitActionCap.TotalMilliseconds).WaitAsync(cancellationToken).ConfigureAwait(false);
                        return null;

                    case GuiActionKind.GoBack:
                        var response = await page.GoBackAsync(new PageGoBackOptions { Timeout = (float)options.NavigationTimeout.TotalMilliseconds }).WaitAsync(cancellationToken).ConfigureAwait(false);
                        return response is null && page.Url == observation.Url ? "there is no previous page to go back to." : null;

                    default:
                        return $"the action {action.Kind} cannot be executed.";
                }
            }
            catch (TimeoutException)
            {
                return action.Kind == GuiActionKind.Type
                    ? $"element [{action.Label}] could not be typed into within {options.ActionTimeout.TotalSeconds:0.#} s: it is not an editable field, or it is disabled or covered."
                    : $"element [{action.Label}] could not be used within {options.ActionTimeout.TotalSeconds:0.#} s: it may be covered, disabled or moving.";
            }
            catch (PlaywrightException ex) when (site.IsUsable)
            {
                return "the action failed: " + FirstLine(ex.Message);
            }
        }

        private async Task SettleAsync(SitePage site, CancellationToken cancellationToken)
        {
            var navigationTimeout = (float)options.NavigationTimeout.TotalMilliseconds;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await site.Page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = navigationTimeout }).WaitAsync(cancellationToken).ConfigureAwait(false);
                    await site.WaitForNetworkQuietAsync(options.NetworkQuietPeriod, options.SettleCap, cancellationToken).ConfigureAwait(false);
                    await site.Page.EvaluateAsync(PageScripts.Settle, (int)Math.Min(options.SettleCap.TotalMilliseconds, 1000)).WaitAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (TimeoutException)
                {
                    return;
                }
                catch (PlaywrightException) when (attempt < 3 && site.IsUsable)
                {
                    // A navigation replaced the document mid-wait; wait for the new one.
                }
            }
        }

        private async Task CloseLastStepAsync(SitePage site)
        {
            if (_steps.Count > 0 && _steps[^1].ScreenshotAfter.IsEmpty && options.KeepScreenshots)
            {
                var png = await site.Page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png }).ConfigureAwait(false);
                _steps[^1] = _steps[^1] with { ScreenshotAfter = png, UrlAfter = site.Page.Url };
            }
        }

        private WebVoyagerRun Finish(SitePage site, WebVoyagerStopReason reason, string? answer, string? failure)
        {
            var verdict = options.VerdictParsing == GuiVerdictParsing.Exact && options.Profile == WebGenProfile.Enhanced
                ? GuiVerdictParser.Parse(answer, GuiVerdictParsing.Exact)
                : GuiVerdictParser.Parse(_lastOutput, GuiVerdictParsing.ReferenceCompatible);
            if (failure is not null)
            {
                LogRunFailed(agent._logger, url, failure);
            }

            LogRunEnded(agent._logger, url, reason, _steps.Count, verdict);
            return new WebVoyagerRun
            {
                Task = task,
                StartUrl = url,
                Trajectory = [.. _steps],
                FinalAnswer = answer,
                LastModelOutput = _lastOutput,
                Verdict = verdict,
                StopReason = reason,
                Failure = failure,
                ConsoleErrors = site.Observations.ConsoleErrors,
                PageErrors = site.Observations.PageErrors,
                BlockedRequests = site.Observations.BlockedRequests,
                Usage = _usage,
                Duration = agent._time.GetElapsedTime(_started),
            };
        }

        private ReadOnlyMemory<byte> Keep(byte[] png) => options.KeepScreenshots ? png : ReadOnlyMemory<byte>.Empty;

        private void AddUsage(UsageDetails? usage)
        {
            if (usage is null)
            {
                return;
            }

            if (_usage is null)
            {
                _usage = new UsageDetails { InputTokenCount = usage.InputTokenCount, OutputTokenCount = usage.OutputTokenCount, TotalTokenCount = usage.TotalTokenCount };
            }
            else
            {
                _usage.Add(usage);
            }
        }

        private static string Done(AgentAction action, MarkedElement? target) => action.Kind switch
        {
            GuiActionKind.Click => $"clicked [{action.Label}] {target?.Describe()}.",
            GuiActionKind.Type => $"typed \"{action.Text}\" into [{action.Label}] and pressed Enter.",
            GuiActionKind.Scroll => string.Create(CultureInfo.InvariantCulture, $"scrolled {(action.Label is null ? "the window" : $"[{action.Label}]")} {(action.Down ? "down" : "up")}."),
            GuiActionKind.Wait => "waited.",
            GuiActionKind.GoBack => "went back.",
            _ => "done.",
        };
    }

    private sealed record class Turn(string Observation, byte[] Png, string? Snapshot, string Output);

    private sealed record class Observation(string Text, byte[] Png, string? Snapshot, IReadOnlyList<MarkedElement> Elements, string Url);
}
