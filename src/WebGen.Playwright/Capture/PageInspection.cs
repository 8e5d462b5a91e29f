namespace WebGen.Playwright;

/// <summary>The result of <see cref="PageScripts.Inspect"/>; property names match the script's object.</summary>
internal sealed class PageInspection
{
    public string Title { get; set; } = "";

    public string Text { get; set; } = "";

    public int ScrollWidth { get; set; }

    public string? Overlay { get; set; }

    public PageInspectionText[] Texts { get; set; } = [];
}
