using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>
/// Finds text addressed to the site's graders instead of its users: verdicts in the graders' formats (<c>ANSWER; YES</c>,
/// <c>test_passed</c>, <c>"grade": 5</c>, a verdict line), instructions to a model ("ignore previous instructions",
/// "you are the grader", "reply with …"), notes to the reviewer and grade claims. It reads every channel through which
/// a page reaches the judge and the GUI tester: the title, the visible text and <see cref="PageCapture.PageText"/>
/// (hidden and off-screen text, <c>alt</c>, <c>title</c>, <c>placeholder</c> and <c>aria-*</c> attributes, meta
/// contents, comments). A finding is fatal: the step is not graded, and the reason quotes the offending text.
/// </summary>
/// <remarks>
/// A generated site that flatters its judge earns grades it did not build; under Step-GRPO a policy sampled many times
/// per step finds that path and learns it. The check is deterministic and runs before any model sees the page. Rules
/// that ordinary copy could trigger ("Grade: 5" in a gradebook, "reply with" in a help text) apply only when the same
/// line also speaks of grading, so "Yes, we deliver" or a quiz's "Answer" button pass.
/// </remarks>
public sealed class PromptInjectionScorer : PreCheckScorer
{
    /// <summary>The score name (<see cref="PromptInjection.ScoreName"/>).</summary>
    public const string Name = PromptInjection.ScoreName;

    // A long line is quoted around the match rather than from its start.
    private const int QuoteBefore = 60;
    private const int QuoteAfter = 140;

    /// <summary>Creates the scorer.</summary>
    /// <param name="options">Limits of the quoted text; defaults when null.</param>
    public PromptInjectionScorer(IOptions<ScreenshotPreCheckOptions>? options = null)
        : base(options)
    {
    }

    /// <inheritdoc />
    private protected override ScreenshotScore ScoreCore(PageCapture capture)
    {
        var findings = new List<string>();
        var quoted = new HashSet<string>(StringComparer.Ordinal);
        var channels = 0;
        foreach (var (where, text) in Channels(capture))
        {
            channels++;
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Find(line) is not { } finding)
                {
                    continue;
                }

                var quote = PreCheckText.Quote(Excerpt(line, finding.Match), Options.MaxQuotedChars);
                if (quoted.Add(quote))
                {
                    findings.Add($"{where} \"{quote}\" ({finding.Why})");
                }
            }
        }

        if (findings.Count == 0)
        {
            return ScreenshotScore.Pass(Name, $"No text addressed to the graders (verdicts, grades, instructions to a model) in the page's {PreCheckText.Plural(channels, "text channel", "text channels")}.");
        }

        var listed = string.Join("; ", findings.Take(Options.MaxListedItems))
            + (findings.Count > Options.MaxListedItems ? $"; and {findings.Count - Options.MaxListedItems} more" : "");
        return ScreenshotScore.Fatal(
            Name,
            "The page addresses its graders instead of its users, so it is not graded: " + listed
                + ". Remove text that speaks to a reviewer, judge, tester or model, or that claims a verdict or a grade; the site is graded on what it does.");
    }

    private static IEnumerable<(string Where, string Text)> Channels(PageCapture capture)
    {
        if (!string.IsNullOrWhiteSpace(capture.Title))
        {
            yield return ("title", capture.Title);
        }

        // Hidden and off-screen text is also in the visible text (the browser's innerText keeps it); reading the other
        // channels first names the channel that hides it, and the same quote is not listed twice.
        foreach (var text in capture.PageText.Where(t => t.Source != PageTextSource.Visible))
        {
            yield return (Where(text), text.Text);
        }

        if (!string.IsNullOrWhiteSpace(capture.VisibleText))
        {
            yield return ("visible text", capture.VisibleText);
        }

        foreach (var text in capture.PageText.Where(t => t.Source == PageTextSource.Visible))
        {
            yield return (Where(text), text.Text);
        }
    }

    private static string Where(PageText text)
    {
        var where = text.Source switch
        {
            PageTextSource.Visible => "visible text",
            PageTextSource.Hidden => "hidden text",
            PageTextSource.Attribute => "attribute",
            PageTextSource.Meta => "meta",
            PageTextSource.Comment => "comment",
            _ => "page text",
        };
        return text.Where is { Length: > 0 } detail ? $"{where} ({detail})" : where;
    }

    private static (Match Match, string Why)? Find(string line)
    {
        foreach (var rule in PromptInjectionRules.All)
        {
            Match match;
            try
            {
                match = rule.Pattern.Match(line);
                if (match.Success && (!rule.NeedsGradingContext || PromptInjectionRules.IsAboutGrading(line, match)))
                {
                    return (match, rule.Why);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A line built to make a pattern backtrack is itself no grader's text; the other rules still read it.
            }
        }

        return null;
    }

    private static string Excerpt(string line, Match match)
    {
        if (line.Length <= QuoteBefore + QuoteAfter)
        {
            return line;
        }

        var start = Math.Max(0, match.Index - QuoteBefore);
        var end = Math.Min(line.Length, match.Index + QuoteAfter);
        return (start > 0 ? "…" : "") + line[start..end] + (end < line.Length ? "…" : "");
    }
}
