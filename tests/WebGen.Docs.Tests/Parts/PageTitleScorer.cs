namespace WebGen.Docs.Tests;

// begin-snippet: custom-scorer
/// <summary>Scores whether the page has a title of its own (tabs, bookmarks and search results show it).</summary>
public sealed class PageTitleScorer : IScreenshotScorer
{
    /// <summary>The score's name in <see cref="StepNode.Scores"/>, feedback and reports.</summary>
    public const string Name = "page-title";

    private static readonly string[] TemplateTitles = ["", "Vite + React", "Vite App", "React App"];

    public ValueTask<ScreenshotScore> ScoreAsync(ScreenshotScoringContext context, CancellationToken cancellationToken = default)
    {
        var title = context.Capture.Title?.Trim() ?? "";
        var score = TemplateTitles.Contains(title, StringComparer.OrdinalIgnoreCase)
            ? new ScreenshotScore { Name = Name, Value = 0, Reason = $"The page title is '{title}': set <title> in index.html to the site's name." }
            : ScreenshotScore.Pass(Name, $"The page is titled '{title}'.");
        return ValueTask.FromResult(score);
    }
}
// end-snippet
