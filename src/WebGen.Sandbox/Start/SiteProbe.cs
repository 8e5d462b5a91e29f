using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using WebGen.Sandbox.Processes;

namespace WebGen.Sandbox.Start;

/// <summary>
/// Readiness by HTTP, never by sleeping or reading logs: polls the site's root until it answers, while
/// watching the server process. Then, like a browser loading the page, fetches the page's own scripts and
/// the local modules they import, so a module the dev server cannot compile is found before any screenshot.
/// </summary>
internal sealed partial class SiteProbe
{
    private const int MaxBodyCharacters = 1_000_000;

    // Like a browser's connection limit: enough to compile modules in parallel, not a flood on a small machine.
    private const int MaxParallelFetches = 6;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private static readonly string[] SkippedPrefixes = ["/node_modules/", "/@vite/", "/@react-refresh", "/@id/", "/@fs/", "/@vite-plugin"];

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly LocalSandboxOptions _options;

    public SiteProbe(HttpClient http, TimeProvider time, LocalSandboxOptions options)
    {
        _http = http;
        _time = time;
        _options = options;
    }

    public async Task<ProbeResult> WaitUntilAnsweringAsync(Uri url, ChildProcess server, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            if (server.HasExited)
            {
                return new ProbeResult(ProbeStatus.Exited);
            }

            var remaining = timeout - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return new ProbeResult(ProbeStatus.TimedOut);
            }

            var answer = await TryGetAsync(url, Min(remaining, RequestTimeout), cancellationToken).ConfigureAwait(false);
            if (answer is not null)
            {
                return answer;
            }

            await Task.WhenAny(Task.Delay(Min(_options.ReadinessPollInterval, remaining), _time, cancellationToken), server.Exited).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Fetches the scripts of <paramref name="html"/> and, breadth first, the local modules they import.
    /// Returns the first module the server fails to serve (HTTP 5xx, or a missing page script), or null.
    /// </summary>
    public async Task<ModuleFailure?> VerifyModulesAsync(Uri root, string html, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var level = new List<Uri>();
        foreach (Match match in ScriptSource().Matches(html))
        {
            if (Local(root, match.Groups["src"].Value) is { } entry && visited.Add(entry.PathAndQuery))
            {
                level.Add(entry);
            }
        }

        var entries = level.Select(u => u.PathAndQuery).ToHashSet(StringComparer.Ordinal);
        try
        {
            while (level.Count > 0)
            {
                var answers = new ProbeResult[level.Count];
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelFetches, CancellationToken = linked.Token };
                await Parallel.ForEachAsync(Enumerable.Range(0, level.Count), parallel, async (i, token) => answers[i] = await FetchAsync(level[i], token).ConfigureAwait(false)).ConfigureAwait(false);
                var next = new List<Uri>();
                foreach (var (url, answer) in level.Zip(answers))
                {
                    var path = url.PathAndQuery;
                    var code = (int)answer.StatusCode;
                    if (code >= 500 || (code >= 400 && entries.Contains(path)))
                    {
                        return new ModuleFailure(path, code, ErrorMessage(answer.Body));
                    }

                    if (code >= 300 || answer.ContentType?.Contains("javascript", StringComparison.OrdinalIgnoreCase) != true)
                    {
                        continue;
                    }

                    foreach (Match match in ImportSpecifier().Matches(answer.Body))
                    {
                        if (visited.Count < _options.MaxModulesToVerify && Local(url, match.Groups["spec"].Value) is { } module && visited.Add(module.PathAndQuery))
                        {
                            next.Add(module);
                        }
                    }
                }

                level = next;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new ModuleFailure(root.AbsolutePath, 0, $"the server did not finish serving the page's modules within {timeout.TotalSeconds:0} s");
        }

        return null;
    }

    /// <summary>
    /// Fetches one module, trying again while the server gives no answer (busy compiling on a loaded machine,
    /// connection reset while it reloads) or answers 503/504 (Vite busy re-optimising dependencies): those say nothing
    /// about the site's code. The caller's deadline ends the retries.
    /// </summary>
    private async Task<ProbeResult> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        while (true)
        {
            var answer = await TryGetAsync(url, RequestTimeout, cancellationToken).ConfigureAwait(false);
            if (answer is not null && answer.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout))
            {
                return answer;
            }

            await Task.Delay(RetryDelay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ProbeResult?> TryGetAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, request.Token);
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (body.Length > MaxBodyCharacters)
            {
                body = body[..MaxBodyCharacters];
            }

            return new ProbeResult(ProbeStatus.Answered, response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// The server's own words about a failed module: Vite's error page carries a JSON object with
    /// <c>message</c> (and <c>frame</c>); any other server's body is reduced to its text.
    /// </summary>
    internal static string ErrorMessage(string body)
    {
        var message = JsonString(ViteMessage().Match(body));
        if (message is not null)
        {
            var frame = JsonString(ViteFrame().Match(body));
            return string.IsNullOrWhiteSpace(frame) ? message.TrimEnd() : $"{message.TrimEnd()}\n{frame.TrimEnd()}";
        }

        var text = Whitespace().Replace(Tags().Replace(body, " "), " ").Trim();
        return text.Length <= 2000 ? text : text[..2000] + " …";
    }

    private static string? JsonString(Match match)
    {
        if (!match.Success)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string>(match.Groups["json"].Value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Uri? Local(Uri baseUrl, string specifier)
    {
        if (specifier.Length == 0 || specifier.StartsWith("//", StringComparison.Ordinal)
            || !(specifier.StartsWith('/') || specifier.StartsWith("./", StringComparison.Ordinal) || specifier.StartsWith("../", StringComparison.Ordinal)))
        {
            return null;
        }

        var url = new Uri(baseUrl, specifier);
        return url.Authority == baseUrl.Authority && !SkippedPrefixes.Any(p => url.AbsolutePath.StartsWith(p, StringComparison.Ordinal)) ? url : null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [GeneratedRegex("""<script\b[^>]*?\bsrc\s*=\s*["'](?<src>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();

    // Static imports and re-exports (`import x from "/src/App.jsx"`, `import "/src/index.css"`,
    // `export * from "./a.js"`) and dynamic imports with a literal specifier, as dev servers rewrite them.
    [GeneratedRegex("""(?:\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?|\bexport\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*|\bimport\s*\(\s*)["'](?<spec>[^"'\s]+)["']""")]
    private static partial Regex ImportSpecifier();

    [GeneratedRegex("""\"message\":(?<json>"(?:[^"\\]|\\.)*")""")]
    private static partial Regex ViteMessage();

    [GeneratedRegex("""\"frame\":(?<json>"(?:[^"\\]|\\.)*")""")]
    private static partial Regex ViteFrame();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
