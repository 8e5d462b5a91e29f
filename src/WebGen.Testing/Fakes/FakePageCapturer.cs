using System.Collections.Concurrent;

namespace WebGen.Testing;

/// <summary>An in-memory <see cref="IPageCapturer"/> answering with a callback.</summary>
public sealed class FakePageCapturer : IPageCapturer
{
    /// <summary>A tiny valid PNG (1×1, white) for captures that need image bytes.</summary>
    public static readonly ReadOnlyMemory<byte> OnePixelPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC");

    private readonly Func<PageCaptureRequest, CancellationToken, Task<PageCapture>> _capture;
    private readonly ConcurrentQueue<PageCaptureRequest> _requests = new();
    private readonly ConcurrentQueue<string> _endedSessions = new();

    /// <summary>Creates a capturer answering with <paramref name="capture"/>.</summary>
    /// <param name="capture">Produces the capture.</param>
    public FakePageCapturer(Func<PageCaptureRequest, CancellationToken, Task<PageCapture>> capture)
        => _capture = capture ?? throw new ArgumentNullException(nameof(capture));

    /// <summary>Creates a capturer answering with <paramref name="capture"/>.</summary>
    /// <param name="capture">Produces the capture.</param>
    public FakePageCapturer(Func<PageCaptureRequest, PageCapture> capture)
        : this((r, _) => Task.FromResult(capture(r)))
    {
    }

    /// <summary>A capturer returning a one-pixel PNG for every request.</summary>
    public FakePageCapturer()
        : this(r => new PageCapture { Url = r.Url, Png = OnePixelPng, Width = 1, Height = 1, ViewportWidth = r.ViewportWidth })
    {
    }

    /// <summary>The requests received.</summary>
    public IReadOnlyList<PageCaptureRequest> Requests => [.. _requests];

    /// <summary>The sessions ended.</summary>
    public IReadOnlyList<string> EndedSessions => [.. _endedSessions];

    /// <inheritdoc />
    public Task<PageCapture> CaptureAsync(PageCaptureRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _requests.Enqueue(request);
        return _capture(request, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask EndSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        _endedSessions.Enqueue(sessionId);
        return ValueTask.CompletedTask;
    }
}
