using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace WebGen.Playwright;

/// <summary>
/// The default GUI tester: the feedback model writes the GUI-test instruction from the user's request
/// (falling back to a generic one), the <see cref="WebVoyagerAgent"/> runs it, and the feedback model
/// summarises the trajectory into {test_passed, improvement_suggestions, grade 1–5}.
/// </summary>
public sealed partial class WebVoyagerGuiTester : IGuiTester
{
    private readonly WebVoyagerAgent _agent;
    private readonly IChatClient _feedback;
    private readonly WebVoyagerGuiTesterOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the tester.</summary>
    /// <param name="agent">The GUI agent.</param>
    /// <param name="feedbackClient">The feedback model (plan and summary; text only).</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="logger">Logs fallbacks and summary failures.</param>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public WebVoyagerGuiTester(WebVoyagerAgent agent, IChatClient feedbackClient, IOptions<WebVoyagerGuiTesterOptions>? options = null, ILogger<WebVoyagerGuiTester>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(feedbackClient);
        _agent = agent;
        _feedback = feedbackClient;
        _options = PlaywrightOptionsValidator.Validated(options?.Value ?? new WebVoyagerGuiTesterOptions());
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<GuiTestPlan> PlanAsync(string userInstruction, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userInstruction);
        ChatResponse response;
        try
        {
            List<ChatMessage> messages = Reference
                ? [new ChatMessage(ChatRole.User, GuiTestPrompts.ReferencePlan(userInstruction))]
                : [new ChatMessage(ChatRole.System, GuiTestPrompts.PlanSystem), new ChatMessage(ChatRole.User, GuiTestPrompts.PlanUser(userInstruction))];
            response = await _feedback.GetResponseAsync(messages, ChatOptions(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Fallback($"the model call failed: {ex.GetType().Name}: {ex.Message}", null);
        }

        var match = InstructionTag().Match(response.Text ?? "");
        var body = match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : "";
        if (body.Length == 0)
        {
            return Fallback("the answer had no <boltAction type=\"gui_agent_test\"> with an instruction", response.Usage);
        }

        if (body.Length > _options.MaxInstructionChars)
        {
            return Fallback($"the instruction was longer than {_options.MaxInstructionChars} characters", response.Usage);
        }

        return new GuiTestPlan { Instruction = GuiTestInstructions.Complete(body, _options.Profile), Usage = response.Usage };
    }

    /// <inheritdoc />
    public async Task<GuiTestResult> TestAsync(GuiTestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = await _agent.RunAsync(request.Url, request.TestInstruction, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (run.StopReason is WebVoyagerStopReason.NavigationFailed or WebVoyagerStopReason.ModelFailed or WebVoyagerStopReason.BrowserFailed)
        {
            return new GuiTestResult
            {
                Verdict = run.Verdict,
                FinalAnswer = run.FinalAnswer,
                LastMessage = run.LastModelOutput,
                Trajectory = run.Trajectory,
                Failure = run.Failure,
                Usage = run.Usage,
            };
        }

        List<ChatMessage> summaryRequest = Reference
            ? [new ChatMessage(ChatRole.System, GuiTestPrompts.ReferenceSummarySystem), new ChatMessage(ChatRole.User, GuiTestPrompts.ReferenceSummaryUser(request.TestInstruction, run))]
            : [new ChatMessage(ChatRole.System, GuiTestPrompts.SummarySystem), new ChatMessage(ChatRole.User, GuiTestPrompts.SummaryUser(request, run, _options.MaxTrajectoryChars))];
        var summary = await _feedback.GetJsonAsync(summaryRequest, GuiTestSummary.Read, ChatOptions(), cancellationToken).ConfigureAwait(false);
        var usage = Sum(run.Usage, summary.Usage);
        if (summary.Value is not { } value)
        {
            LogSummaryFailed(_logger, summary.Failure!);

            // The test did run: keep its evidence and derive the grade from the agent's own verdict.
            return new GuiTestResult
            {
                Verdict = run.Verdict,
                FinalAnswer = run.FinalAnswer,
                LastMessage = run.LastModelOutput,
                Passed = run.Verdict == GuiVerdict.Yes,
                Grade = run.Verdict switch { GuiVerdict.Yes => 4, GuiVerdict.Partial => 3, GuiVerdict.No => 2, _ => 1 },
                Trajectory = run.Trajectory,
                Failure = $"The trajectory summary failed ({summary.Failure}); the grade was derived from the agent's verdict.",
                Usage = usage,
            };
        }

        // The reference trusts a YES in the agent's last message over the summary: passed, nothing to suggest.
        var saidYes = Reference && run.LastModelOutput?.Contains("YES", StringComparison.Ordinal) == true;
        return new GuiTestResult
        {
            Verdict = run.Verdict,
            FinalAnswer = run.FinalAnswer,
            LastMessage = run.LastModelOutput,
            Passed = saidYes || value.Passed,
            Grade = value.Grade,
            Suggestions = saidYes ? "" : value.Suggestions,
            Trajectory = run.Trajectory,
            Usage = usage,
        };
    }

    private bool Reference => _options.Profile == WebGenProfile.Reference;

    /// <summary>The feedback calls' settings: the reference passes no temperature.</summary>
    private ChatOptions ChatOptions() => new() { Temperature = Reference ? null : _options.Temperature };

    private GuiTestPlan Fallback(string reason, UsageDetails? usage)
    {
        LogPlanFallback(_logger, reason);
        return new GuiTestPlan { Instruction = GuiTestInstructions.Complete(GuiTestInstructions.Generic, _options.Profile), IsFallback = true, Usage = usage };
    }

    private static UsageDetails? Sum(UsageDetails? a, UsageDetails? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        var total = new UsageDetails { InputTokenCount = a.InputTokenCount, OutputTokenCount = a.OutputTokenCount, TotalTokenCount = a.TotalTokenCount };
        total.Add(b);
        return total;
    }

    // An unclosed tag is accepted: a model cut off by its token limit still wrote a usable instruction.
    [GeneratedRegex("""<boltAction\b[^>]*\btype\s*=\s*["']gui_agent_test["'][^>]*>(.*?)(?:</boltAction>|$)""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex InstructionTag();

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "GUI-test instruction fell back to the generic one: {Reason}")]
    private static partial void LogPlanFallback(ILogger logger, string reason);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "GUI trajectory summary failed: {Failure}")]
    private static partial void LogSummaryFailed(ILogger logger, string failure);
}
