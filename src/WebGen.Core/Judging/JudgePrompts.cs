using System.Text;

namespace WebGen;

/// <summary>The judge's prompts, in our own words after the intent of the WebGen-Agent reference.</summary>
internal static class JudgePrompts
{
    public const string DescriptionSystem =
        """
        You review screenshots of websites while they are being built from a user's request. You see one
        screenshot of the running site. Report what it shows as one JSON object with exactly these fields:
        - "is_error": true when the screenshot shows an error instead of the site (an error page or message,
          a stack trace, a crash screen, a blank or visibly broken render), otherwise false.
        - "error_message": the error text you can read when is_error is true, otherwise null.
        - "screenshot_description": what the page shows: its layout and sections, the main elements,
          colours, and any text that matters.
        - "suggestions": concrete changes that would make the page match the request better or look more
          polished.
        Answer with the JSON object only.
        """ + "\n" + UntrustedPageContent.Notice;

    public const string GradeSystem =
        """
        You grade the appearance of websites from a screenshot, against the request the site was built for.
        Consider how well it renders, how relevant it is to the request, how harmonious the layout is, and
        how modern and attractive it looks. Use this scale:
        0 - the page is blank or nothing rendered.
        1 - broken or barely related to the request: errors, overlapping or unreadable elements.
        2 - renders poorly: disordered layout, or major parts of the request missing.
        3 - acceptable: the requested content is there with a workable layout, but it looks plain or has visible flaws.
        4 - good: well organised, consistent and relevant, with minor flaws only.
        5 - excellent: polished, modern and harmonious, closely matching the request.
        Answer with one JSON object: {"analysis": "<your reasoning in a few sentences>", "grade": <integer 0 to 5>}.
        """ + "\n" + UntrustedPageContent.Notice;

    public static string DescriptionUser(ScreenshotJudgeRequest request, ChatScreenshotJudgeOptions options) =>
        Context(request, options, "Describe this screenshot of the site.");

    public static string GradeUser(ScreenshotJudgeRequest request, ChatScreenshotJudgeOptions options) =>
        Context(request, options, "Grade the appearance of this screenshot against the request.");

    private static string Context(ScreenshotJudgeRequest request, ChatScreenshotJudgeOptions options, string task)
    {
        var capture = request.Capture;
        var text = new StringBuilder();
        text.Append("The user's request for the website:\n").Append(request.Instruction.Trim()).Append("\n\n");
        text.Append("Page: ").Append(capture.Url).Append('\n');

        // The title and the text are the page's words, not the harness's: they go inside the fence.
        var page = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(capture.Title))
        {
            page.Append("Title: ").Append(capture.Title.Trim()).Append('\n');
        }

        if (options.MaxVisibleTextChars > 0 && !string.IsNullOrWhiteSpace(capture.VisibleText))
        {
            var visible = capture.VisibleText.Trim();
            if (visible.Length > options.MaxVisibleTextChars)
            {
                visible = string.Concat(visible.AsSpan(0, options.MaxVisibleTextChars), "…");
            }

            page.Append("Visible text:\n").Append(visible).Append('\n');
        }

        if (page.Length > 0)
        {
            text.Append("The page's title and visible text (for reading small print; judge from the image):\n")
                .Append(UntrustedPageContent.Fence(page.ToString())).Append('\n');
        }

        if (options.IncludePreCheckFindings)
        {
            var findings = request.PreCheckScores.Where(s => s.Value < 1).ToList();
            if (findings.Count > 0)
            {
                text.Append("Automated checks found:\n");
                foreach (var finding in findings)
                {
                    text.Append("- ").Append(finding.Name).Append(": ").Append(finding.Reason).Append('\n');
                }
            }
        }

        text.Append('\n').Append(task);
        return text.ToString();
    }
}
