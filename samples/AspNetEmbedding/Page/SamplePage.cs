namespace WebGen.Samples.AspNetEmbedding;

/// <summary>The page served at <c>/</c> (embedded <c>Page/index.html</c>: self-contained, no external resources).</summary>
internal static class SamplePage
{
    public static readonly string Html = Load();

    private static string Load()
    {
        using var stream = typeof(SamplePage).Assembly.GetManifestResourceStream("WebGen.Samples.AspNetEmbedding.index.html")
            ?? throw new InvalidOperationException("The page resource is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
