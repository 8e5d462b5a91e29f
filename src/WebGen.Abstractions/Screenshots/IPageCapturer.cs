namespace WebGen;

/// <summary>
/// Loads a page in a browser and captures a screenshot with what the browser saw
/// (console and page errors, blocked or failed requests, error overlay, accessibility data).
/// </summary>
public interface IPageCapturer
{
    /// <summary>
    /// Captures the page at <see cref="PageCaptureRequest.Url"/>. A page that fails to load is
    /// reported in <see cref="PageCapture.Failure"/>; only a broken browser set-up throws.
    /// </summary>
    /// <param name="request">What to capture.</param>
    /// <param name="cancellationToken">Cancels the capture.</param>
    Task<PageCapture> CaptureAsync(PageCaptureRequest request, CancellationToken cancellationToken = default);

    /// <summary>Releases the browser state (context, page) kept for <paramref name="sessionId"/>.</summary>
    /// <param name="sessionId">The session passed in earlier requests.</param>
    /// <param name="cancellationToken">Stops waiting for the release (for example a capture of the session still running).</param>
    ValueTask EndSessionAsync(string sessionId, CancellationToken cancellationToken = default);
}
