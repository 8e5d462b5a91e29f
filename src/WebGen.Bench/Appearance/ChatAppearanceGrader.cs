using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace WebGen.Bench;

/// <summary>
/// The benchmark's appearance grader: captures the whole home page, cuts it into up to
/// <see cref="AppearanceGraderOptions.MaxScreenshots"/> viewport-high screenshots from the top (as a visitor
/// scrolling would see it), and asks a vision model to grade them with the benchmark's rubric
/// (<see cref="BenchPrompts.Appearance"/>). The grade is the first digit after "Grade" in the answer, 0 if none.
/// </summary>
public sealed partial class ChatAppearanceGrader : IAppearanceGrader
{
    private readonly IPageCapturer _capturer;
    private readonly IChatClient _grader;
    private readonly AppearanceGraderOptions _options;

    /// <summary>Creates the grader.</summary>
    /// <param name="capturer">Screenshots the home page.</param>
    /// <param name="grader">The vision model that grades (the paper used GPT-4o).</param>
    /// <param name="options">Options; defaults when null. Invalid options throw <see cref="ArgumentException"/>.</param>
    public ChatAppearanceGrader(IPageCapturer capturer, IChatClient grader, AppearanceGraderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(capturer);
        ArgumentNullException.ThrowIfNull(grader);
        _capturer = capturer;
        _grader = grader;
        _options = options ?? new AppearanceGraderOptions();
        BenchOptionsValidator.ThrowIfInvalid(_options);
    }

    /// <summary>Reads the grade from a grader's answer: the first digit after the word "grade" (any case), 0 when there is none.</summary>
    /// <param name="answer">The grader's answer.</param>
    public static int ParseGrade(string? answer)
    {
        if (answer is null)
        {
            return 0;
        }

        var match = GradeDigit().Match(answer);
        return match.Success ? match.Groups[1].Value[0] - '0' : 0;
    }

    /// <inheritdoc />
    public async Task<AppearanceGrade> GradeAsync(AppearanceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        PageCapture capture;
        try
        {
            capture = await _capturer.CaptureAsync(
                new PageCaptureRequest
                {
                    Url = request.SiteUrl,
                    SessionId = request.SessionId,
                    ViewportWidth = _options.ViewportWidth,
                    ViewportHeight = _options.ViewportHeight,
                    FullPage = true,
                    AuditAccessibility = false,
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _capturer.EndSessionAsync(request.SessionId, CancellationToken.None).ConfigureAwait(false);
        }

        if (!capture.Succeeded)
        {
            var why = capture.Failure ?? "the browser returned no image";
            return new AppearanceGrade { Grade = 0, CaptureFailure = why, Analysis = "The home page could not be captured: " + why };
        }

        var shots = PngStrips.Split(capture.Png, _options.ViewportHeight, _options.Profile == WebGenProfile.Reference ? 1 : _options.MaxScreenshots);
        var content = new List<AIContent> { new TextContent(BenchPrompts.Appearance(request.Instruction)) };
        content.AddRange(shots.Select(s => new DataContent(s, "image/png")));
        var response = await _grader.GetResponseAsync(
            [new ChatMessage(ChatRole.User, content)],
            new ChatOptions { MaxOutputTokens = _options.MaxOutputTokens },
            cancellationToken).ConfigureAwait(false);
        var text = response.Text ?? "";
        return new AppearanceGrade { Grade = ParseGrade(text), Analysis = text, Screenshots = shots, Usage = response.Usage };
    }

    [GeneratedRegex("grade.*?([0-9])", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex GradeDigit();
}
