namespace WebGen.Docs.Tests;

public sealed class GuideTests
{
    [Test]
    public void Every_csharp_block_in_the_guide_is_a_compiled_snippet_with_the_same_code()
    {
        if (Environment.GetEnvironmentVariable("WEBGEN_UPDATE_SNIPPETS") == "1")
        {
            GuideSnippets.UpdateGuide();
        }

        var regions = GuideSnippets.SourceRegions();
        var blocks = GuideSnippets.GuideBlocks();

        Assert.That(blocks, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var (name, code) in blocks)
            {
                Assert.That(name, Is.Not.Null, $"a C# block without a '<!-- snippet: name -->' line before it:\n{code}");
                if (name is null)
                {
                    continue;
                }

                Assert.That(regions.ContainsKey(name), Is.True, $"the guide shows snippet '{name}', which no file in tests/WebGen.Docs.Tests defines");
                if (regions.TryGetValue(name, out var compiled))
                {
                    Assert.That(code, Is.EqualTo(compiled), $"snippet '{name}' in docs/plugging-parts.md differs from the compiled code; run the docs tests with WEBGEN_UPDATE_SNIPPETS=1 to copy the region into the guide");
                }
            }
        });
    }

    [Test]
    public void Every_snippet_region_is_shown_in_the_guide()
    {
        var shown = GuideSnippets.GuideBlocks().Select(b => b.Name).ToHashSet();

        Assert.That(GuideSnippets.SourceRegions().Keys.Where(k => !shown.Contains(k)), Is.Empty, "regions no reader sees");
    }
}
