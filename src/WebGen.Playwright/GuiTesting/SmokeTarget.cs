namespace WebGen.Playwright;

/// <summary>A clickable element found by <see cref="SmokeScripts.MarkTargets"/>; property names match the script's object.</summary>
internal sealed class SmokeTarget
{
    public int Index { get; set; }

    public string Tag { get; set; } = "";

    public string Text { get; set; } = "";

    public string Href { get; set; } = "";

    public bool External { get; set; }

    public bool Disabled { get; set; }

    public string Describe() =>
        $"<{Tag}>" + (Text.Length > 0 ? $" \"{Text}\"" : "") + (Href.Length > 0 && Text.Length == 0 ? $" href \"{Href}\"" : "");
}
