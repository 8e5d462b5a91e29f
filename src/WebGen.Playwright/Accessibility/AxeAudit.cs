using Microsoft.Playwright;

namespace WebGen.Playwright;

/// <summary>
/// Runs the axe-core accessibility audit (MPL-2.0, embedded unmodified from the npm package pinned in
/// package-lock.json) in a page. Capture contexts that audit load the script as an init script, sent to
/// the browser once per context: evaluating it per capture would ship 650 KB through the driver every time.
/// </summary>
internal static class AxeAudit
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(AxeAudit).Assembly.GetManifestResourceStream("WebGen.Playwright.axe.min.js")
            ?? throw new InvalidOperationException("The embedded axe-core script is missing from WebGen.Playwright; the package is damaged.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The axe-core version embedded, read from the script's banner.</summary>
    public static string Version
    {
        get
        {
            var banner = Script.Value.AsSpan(0, Math.Min(200, Script.Value.Length));
            var start = banner.IndexOf("axe v", StringComparison.Ordinal);
            if (start < 0)
            {
                return "unknown";
            }

            var rest = banner[(start + 5)..];
            var end = rest.IndexOfAny(' ', '\n', '*');
            return (end < 0 ? rest : rest[..end]).ToString();
        }
    }

    /// <summary>Makes every document of <paramref name="context"/> load axe-core before its own scripts.</summary>
    public static Task InstallAsync(IBrowserContext context) => context.AddInitScriptAsync(Script.Value);

    public static async Task<IReadOnlyList<AccessibilityViolation>> RunAsync(IPage page, IReadOnlyCollection<string> tags, int maxTargets)
    {
        if (!await page.EvaluateAsync<bool>(PageScripts.HasAxe).ConfigureAwait(false))
        {
            // Not installed in this context (or the document replaced window.axe): evaluate it here, as a
            // function body so the UMD wrapper sees no module system and sets window.axe.
            await page.EvaluateAsync("() => {\n" + Script.Value + "\n}").ConfigureAwait(false);
        }

        var violations = await page.EvaluateAsync<AxeViolation[]>(PageScripts.RunAxe, new { tags = tags.ToArray(), maxTargets }).ConfigureAwait(false);
        return [.. violations.Select(v => new AccessibilityViolation
        {
            RuleId = v.Id,
            Impact = v.Impact,
            Description = v.Description,
            NodeCount = v.Nodes,
            Targets = v.Targets,
        })];
    }
}
