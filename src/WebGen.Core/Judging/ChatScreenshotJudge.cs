using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>
/// The VLM judge over any <see cref="IChatClient"/> that accepts images: one call describes the screenshot
/// (visible error, description, suggestions), one grades its appearance 0–5 against the instruction. Both
/// ask for JSON, parse it tolerantly, repair an invalid answer once, and otherwise record a
/// <see cref="ScreenshotJudgement.Failure"/>; only cancellation is thrown.
/// </summary>
public sealed partial class ChatScreenshotJudge : IScreenshotJudge
{
    private readonly IChatClient _chatClient;
    private readonly ChatScreenshotJudgeOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the judge.</summary>
    /// <param name="chatClient">A vision-capable chat client (the <see cref="WebGenModelKeys.Vision"/> model).</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="logger">Logs judge failures.</param>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public ChatScreenshotJudge(IChatClient chatClient, IOptions<ChatScreenshotJudgeOptions>? options = null, ILogger<ChatScreenshotJudge>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        _chatClient = chatClient;
        _options = (options?.Value ?? new ChatScreenshotJudgeOptions()).Validated();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<ScreenshotJudgement> JudgeAsync(ScreenshotJudgeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var capture = request.Capture;
        if (!capture.Succeeded)
        {
            return new ScreenshotJudgement
            {
                IsError = true,
                ErrorMessage = capture.Failure,
                Failure = "No screenshot to judge" + (capture.Failure is null ? "." : ": " + capture.Failure),
            };
        }

        var image = new DataContent(capture.Png, "image/png");
        var chatOptions = new ChatOptions { Temperature = _options.Temperature, MaxOutputTokens = _options.MaxOutputTokens };

        // The two questions are independent; asking them together halves the judge's latency.
        var describing = _chatClient.GetJsonAsync(
            Prompt(JudgePrompts.DescriptionSystem, JudgePrompts.DescriptionUser(request, _options), image),
            ScreenshotDescription.Read,
            chatOptions,
            cancellationToken);
        var grading = _chatClient.GetJsonAsync(
            Prompt(JudgePrompts.GradeSystem, JudgePrompts.GradeUser(request, _options), image),
            ScreenshotGrade.Read,
            chatOptions,
            cancellationToken);
        var description = await describing.ConfigureAwait(false);
        var grade = await grading.ConfigureAwait(false);

        var failures = new List<string>();
        if (description.Failure is { } descriptionFailure)
        {
            failures.Add("Description: " + descriptionFailure);
            LogJudgeFailure(_logger, "description", descriptionFailure);
        }

        if (grade.Failure is { } gradeFailure)
        {
            failures.Add("Grade: " + gradeFailure);
            LogJudgeFailure(_logger, "grade", gradeFailure);
        }

        return new ScreenshotJudgement
        {
            IsError = description.Value?.IsError ?? false,
            ErrorMessage = description.Value?.ErrorMessage,
            Description = description.Value?.Description ?? "",
            Suggestions = description.Value?.Suggestions ?? "",
            Grade = grade.Value?.Grade ?? 0,
            GradeReason = grade.Value?.Analysis ?? "",
            Failure = failures.Count == 0 ? null : string.Join(" ", failures),
            Usage = Sum(description.Usage, grade.Usage),
        };
    }

    private static List<ChatMessage> Prompt(string system, string user, DataContent image) =>
    [
        new ChatMessage(ChatRole.System, system),
        new ChatMessage(ChatRole.User, [new TextContent(user), image]),
    ];

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

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Screenshot judge {Part} failed: {Failure}")]
    private static partial void LogJudgeFailure(ILogger logger, string part, string failure);
}
