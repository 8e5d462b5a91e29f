using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WebGen.Samples.Caching;

/// <summary>
/// Wraps the configured judge and answers a screenshot it has already judged for the same instruction and pre-check
/// results from memory: a validate step that re-captures an unchanged site, or a backtrack to a site seen before, costs no
/// VLM call and gets the same grade. Registered with <c>builder.Use&lt;IScreenshotJudge&gt;(...)</c>.
/// </summary>
public sealed class CachingScreenshotJudge(IScreenshotJudge inner) : DelegatingScreenshotJudge(inner)
{
    private readonly ConcurrentDictionary<string, ScreenshotJudgement> _answers = new(StringComparer.Ordinal);
    private int _hits;
    private int _calls;

    /// <summary>Judgements asked for.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Judgements answered from the cache.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <inheritdoc />
    public override async Task<ScreenshotJudgement> JudgeAsync(ScreenshotJudgeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _calls);
        var key = Key(request);
        if (_answers.TryGetValue(key, out var known))
        {
            Interlocked.Increment(ref _hits);
            return known;
        }

        var judgement = await base.JudgeAsync(request, cancellationToken).ConfigureAwait(false);
        _answers.TryAdd(key, judgement);
        return judgement;
    }

    // What the judge sees: the pixels, the instruction and the pre-check results (a fatal one changes the answer).
    private static string Key(ScreenshotJudgeRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(request.Capture.Png.Span);
        hash.AppendData(Encoding.UTF8.GetBytes(request.Instruction));
        foreach (var score in request.PreCheckScores)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\n{score.Name}:{score.Value}:{score.IsFatal}")));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
