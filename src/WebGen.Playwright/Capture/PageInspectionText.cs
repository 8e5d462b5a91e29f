namespace WebGen.Playwright;

/// <summary>One text channel entry of <see cref="PageScripts.Inspect"/>; property names match the script's object.</summary>
internal sealed class PageInspectionText
{
    public string Source { get; set; } = "";

    public string? Where { get; set; }

    public string Text { get; set; } = "";

    public PageText ToPageText() => new()
    {
        Source = Enum.TryParse<PageTextSource>(Source, out var source) ? source : PageTextSource.Hidden,
        Where = Where,
        Text = Text,
    };
}
