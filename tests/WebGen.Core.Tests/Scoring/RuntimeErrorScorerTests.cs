namespace WebGen.Core.Tests.Scoring;

public sealed class RuntimeErrorScorerTests
{
    private readonly RuntimeErrorScorer _scorer = new();
    private readonly PageCapture _clean = Captures.Of(Captures.ContentPng());

    [Test]
    public void Vite_error_overlay_is_fatal_and_quotes_the_overlay()
    {
        var capture = _clean with { ErrorOverlayText = "[plugin:vite:react-babel] /src/App.jsx: Unexpected token (5:10)" };

        var score = _scorer.Score(capture);

        Assert.That(score.IsFatal, Is.True);
        Assert.That(score.Reason, Does.Contain("error overlay").And.Contain("Unexpected token (5:10)"));
    }

    [Test]
    public void Uncaught_page_error_is_fatal_and_listed()
    {
        var capture = _clean with { PageErrors = ["TypeError: Cannot read properties of undefined (reading 'map')"] };

        var score = _scorer.Score(capture);

        Assert.That(score.IsFatal, Is.True);
        Assert.That(score.Reason, Does.Contain("1 uncaught error").And.Contain("reading 'map'"));
    }

    [Test]
    public void Http_error_status_is_fatal()
    {
        var score = _scorer.Score(_clean with { HttpStatus = 500 });

        Assert.That(score.IsFatal, Is.True);
        Assert.That(score.Reason, Does.Contain("HTTP 500"));
    }

    [Test]
    public void Capture_failure_is_fatal()
    {
        var score = _scorer.Score(_clean with { Failure = "Navigation timed out after 30 s" });

        Assert.That(score.IsFatal, Is.True);
        Assert.That(score.Reason, Does.Contain("Navigation timed out"));
    }

    [Test]
    public void Console_errors_and_failed_requests_lower_the_score_without_being_fatal()
    {
        var capture = _clean with
        {
            ConsoleErrors = ["Warning: Each child in a list should have a unique \"key\" prop."],
            FailedRequests = ["GET http://127.0.0.1:5173/logo.svg → 404"],
        };

        var score = _scorer.Score(capture);

        Assert.That(score.IsFatal, Is.False);
        Assert.That(score.Value, Is.EqualTo(0.5));
        Assert.That(score.Reason, Does.Contain("1 error").And.Contain("unique").And.Contain("logo.svg"));
    }

    [Test]
    public void Long_lists_are_cut_and_counted()
    {
        var capture = _clean with { PageErrors = [.. Enumerable.Range(1, 9).Select(i => $"Error number {i}")] };

        var score = _scorer.Score(capture);

        Assert.That(score.Reason, Does.Contain("Error number 5").And.Contain("and 4 more").And.Not.Contain("Error number 6"));
    }

    [Test]
    public void Clean_page_passes()
    {
        var score = _scorer.Score(_clean);

        Assert.That(score.Value, Is.EqualTo(1));
        Assert.That(score.IsFatal, Is.False);
    }
}
