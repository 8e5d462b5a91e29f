namespace WebGen.Playwright;

/// <summary>What the browser reported while one page load or GUI episode was observed. Thread-safe: events arrive on the driver's threads.</summary>
internal sealed class PageObservations
{
    private readonly Lock _lock = new();
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _failedRequests = [];
    private readonly List<string> _blockedRequests = [];
    private readonly List<string> _serverErrorUrls = [];
    private readonly int _maxEntries;

    public PageObservations(int maxEntries = 200) => _maxEntries = maxEntries;

    public IReadOnlyList<string> ConsoleErrors => Snapshot(_consoleErrors);

    public IReadOnlyList<string> PageErrors => Snapshot(_pageErrors);

    public IReadOnlyList<string> FailedRequests => Snapshot(_failedRequests);

    public IReadOnlyList<string> BlockedRequests => Snapshot(_blockedRequests);

    /// <summary>Same-origin URLs that answered 5xx (for a dev server: modules that failed to compile).</summary>
    public IReadOnlyList<string> ServerErrorUrls => Snapshot(_serverErrorUrls);

    public int ProblemCount
    {
        get
        {
            lock (_lock)
            {
                return _consoleErrors.Count + _pageErrors.Count + _failedRequests.Count;
            }
        }
    }

    public void AddConsoleError(string text) => Add(_consoleErrors, text);

    public void AddPageError(string text) => Add(_pageErrors, text);

    public void AddFailedRequest(string text) => Add(_failedRequests, text);

    public void AddBlockedRequest(string text) => Add(_blockedRequests, text);

    public void AddServerErrorUrl(string url) => Add(_serverErrorUrls, url);

    private void Add(List<string> list, string text)
    {
        lock (_lock)
        {
            // A page that logs in a loop must not grow the capture without bound.
            if (list.Count < _maxEntries)
            {
                list.Add(text);
            }
        }
    }

    private string[] Snapshot(List<string> list)
    {
        lock (_lock)
        {
            return [.. list];
        }
    }
}
