using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace WebGen.Training;

/// <summary>
/// Measures how repetitive a model answer is: the share of its fixed-length windows whose text occurs
/// several times. This is the reference's degenerate-repetition test, reproduced exactly.
/// </summary>
/// <remarks>
/// <para>Definition, for window length <c>c</c> (50) and minimum occurrences <c>m</c> (3):</para>
/// <list type="number">
/// <item><description>Canonicalise the answer so that blocks differing only in literals match: replace hex colours
/// (<c>#abc</c>, <c>#a1b2c3</c>), <c>rgb(…)</c>/<c>rgba(…)</c> and numbers (<c>12</c>, <c>-3.5</c>, <c>1e-3</c>) by <c>&lt;VAR&gt;</c>,
/// collapse every run of whitespace into one space, trim, lower-case.</description></item>
/// <item><description>Let <c>L</c> be the canonical text's length in Unicode code points. When <c>L &lt; 2c</c> the text is too
/// short to repeat meaningfully: the coverage is 0.</description></item>
/// <item><description>Take every window of <c>c</c> code points, one starting at each offset <c>0 … L−c</c> (stride 1, overlapping):
/// <c>W = L − c + 1</c> windows.</description></item>
/// <item><description>Count how often each distinct window text occurs. The coverage is the number of windows whose text occurs
/// at least <c>m</c> times, divided by <c>W</c>.</description></item>
/// </list>
/// <para>Example with <c>c = 2, m = 3</c>: <c>"ababab"</c> has windows ab, ba, ab, ba, ab; "ab" occurs 3 times, so coverage = 3/5.</para>
/// </remarks>
public static partial class RepetitionCoverage
{
    private const string Placeholder = "<VAR>";

    /// <summary>Returns the share (0–1) of <paramref name="chunkLength"/>-code-point windows of the canonicalised text that occur at least <paramref name="minOccurrences"/> times.</summary>
    /// <param name="text">The model answer.</param>
    /// <param name="chunkLength">The window length in code points (reference 50).</param>
    /// <param name="minOccurrences">How often a window must occur to count (reference 3).</param>
    public static double Measure(string text, int chunkLength = 50, int minOccurrences = 3)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minOccurrences, 1);

        var canonical = Canonicalise(text);
        var codePoints = ArrayPool<int>.Shared.Rent(canonical.Length);
        try
        {
            var length = 0;
            foreach (var rune in canonical.EnumerateRunes())
            {
                codePoints[length++] = rune.Value;
            }

            if (length < 2 * chunkLength)
            {
                return 0;
            }

            var windows = length - chunkLength + 1;
            var counts = new Dictionary<int, int>(windows, new WindowComparer(codePoints, chunkLength));
            for (var offset = 0; offset < windows; offset++)
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, offset, out _);
                count++;
            }

            var repeated = 0;
            foreach (var count in counts.Values)
            {
                if (count >= minOccurrences)
                {
                    repeated += count;
                }
            }

            return (double)repeated / windows;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(codePoints);
        }
    }

    /// <summary>The canonical form compared by <see cref="Measure"/>: literals replaced by <c>&lt;VAR&gt;</c>, whitespace collapsed, trimmed, lower-cased.</summary>
    /// <param name="text">The model answer.</param>
    public static string Canonicalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = HexColour().Replace(text, Placeholder);
        result = RgbColour().Replace(result, Placeholder);
        result = Number().Replace(result, Placeholder);
        result = Whitespace().Replace(result, " ");
        return result.Trim().ToLowerInvariant();
    }

    [GeneratedRegex(@"#(?:[0-9a-fA-F]{3}){1,2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex HexColour();

    [GeneratedRegex(@"rgba?\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex RgbColour();

    [GeneratedRegex(@"[-+]?\d*\.?\d+(?:e[-+]?\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    /// <summary>Compares windows by their code points, so counting needs no substring per window.</summary>
    private sealed class WindowComparer(int[] codePoints, int length) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => x == y || Window(x).SequenceEqual(Window(y));

        public int GetHashCode(int offset)
        {
            var hash = new HashCode();
            hash.AddBytes(MemoryMarshal.AsBytes(Window(offset)));
            return hash.ToHashCode();
        }

        private ReadOnlySpan<int> Window(int offset) => codePoints.AsSpan(offset, length);
    }
}
